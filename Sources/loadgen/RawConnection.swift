import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A bare TCP connection to the server under test that writes whatever bytes it is
/// given and keeps what comes back: HTTP requests made by hand (so hundreds can be
/// in flight at once, which URLSession won't do) and WebSocket frames an attacker sends.
final class RawConnection: Sendable {
    let channel: any Channel
    private let received = NIOLockedValueBox<[UInt8]>([])

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// With `reading: false` nothing is ever read: the kernel's buffers fill and the server's writes back up.
    static func open(port: Int, reading: Bool = true, on group: any EventLoopGroup) async throws -> RawConnection {
        let box = NIOLockedValueBox<RawConnection?>(nil)
        let channel = try await ClientBootstrap(group: group)
            .channelOption(ChannelOptions.autoRead, value: reading)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector { bytes in box.withLockedValue { $0?.append(bytes) } })
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let connection = RawConnection(channel: channel)
        box.withLockedValue { $0 = connection }
        return connection
    }

    func write(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
    }

    var bytes: [UInt8] { received.withLockedValue { $0 } }
    var isOpen: Bool { channel.isActive }

    /// Waits for the server to close the connection (an HTTP answer with `Connection: close`).
    func waitForClose(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        try await channel.closeFuture.get()
        guard ContinuousClock.now < deadline else { throw BenchError("no answer in time") }
    }

    func close() async {
        try? await channel.close()
    }

    private func append(_ bytes: ByteBuffer) {
        received.withLockedValue { $0 += bytes.readableBytesView }
    }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let sink: @Sendable (ByteBuffer) -> Void
        init(_ sink: @escaping @Sendable (ByteBuffer) -> Void) { self.sink = sink }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { sink(unwrapInboundIn(data)) }
    }
}

/// One HTTP/1.1 request on its own connection, timed from the first byte sent to the server's close.
enum RawHTTP {
    static func send(
        port: Int, method: String, path: String, headers: [String: String] = [:], body: String? = nil,
        on group: any EventLoopGroup
    ) async throws -> (status: Int, seconds: Double) {
        let started = ContinuousClock.now
        let connection = try await RawConnection.open(port: port, on: group)
        var lines = [
            "\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close",
            "Origin: http://127.0.0.1:\(port)", "X-Requested-With: transcendence"
        ]
        for (name, value) in headers { lines.append("\(name): \(value)") }
        if let body {
            lines.append("Content-Type: application/json")
            lines.append("Content-Length: \(body.utf8.count)")
        }
        try await connection.write(Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + (body ?? "")).utf8))
        try await connection.waitForClose()
        let elapsed = ContinuousClock.now - started
        let statusLine = String(decoding: connection.bytes.prefix(12), as: UTF8.self)
        let status = Int(statusLine.dropFirst(9).prefix(3)) ?? 0
        return (status, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

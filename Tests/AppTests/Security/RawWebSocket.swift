import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import App

/// A WebSocket client on a bare TCP channel that writes whatever frames a test
/// builds, correct or not, and keeps every byte the server sends back.
final class RawWebSocket: Sendable {
    let channel: any Channel
    private let received: NIOLockedValueBox<[UInt8]>

    private init(channel: any Channel, received: NIOLockedValueBox<[UInt8]>) {
        self.channel = channel
        self.received = received
    }

    /// Opens a signed-in socket; with `reading: false` the client never reads, so the
    /// kernel's buffers fill and the server's writes back up.
    static func open(port: Int, cookie: String, reading: Bool = true) async throws -> RawWebSocket {
        let received = NIOLockedValueBox<[UInt8]>([])
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.autoRead, value: reading)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ByteCollector(received)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let request = [
            "GET /api/ws HTTP/1.1", "Host: 127.0.0.1:\(port)", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
            "Origin: http://127.0.0.1:\(port)", "Cookie: \(SessionService.cookieName)=\(cookie)", "", ""
        ].joined(separator: "\r\n")
        try await channel.writeAndFlush(channel.allocator.buffer(string: request)).get()
        let socket = RawWebSocket(channel: channel, received: received)
        if reading {
            try await socket.waitFor("the 101 answer") { String(decoding: $0, as: UTF8.self).contains("\r\n\r\n") }
        } else {
            try await Task.sleep(for: .milliseconds(300))
        }
        return socket
    }

    /// One frame: masked unless told otherwise, with the given first byte's flags.
    static func frame(opcode: UInt8, payload: [UInt8], fin: Bool = true, rsv: UInt8 = 0, masked: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode]
        let maskBit: UInt8 = masked ? 0x80 : 0
        if payload.count < 126 {
            bytes.append(maskBit | UInt8(payload.count))
        } else {
            bytes.append(maskBit | 126)
            bytes += [UInt8(payload.count >> 8), UInt8(payload.count & 0xff)]
        }
        guard masked else { return bytes + payload }
        let key: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        bytes += key
        bytes += payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
        return bytes
    }

    func write(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
    }

    var isOpen: Bool { channel.isActive }
    var bytes: [UInt8] { received.withLockedValue { $0 } }

    /// The status code of the close frame the server sent, if any (server frames are unmasked).
    var closeCode: UInt16? {
        let all = bytes
        guard
            let headerEnd = all.indices.dropLast(3).first(where: {
                all[$0] == 13 && all[$0 + 1] == 10 && all[$0 + 2] == 13 && all[$0 + 3] == 10
            })
        else { return nil }
        var index = headerEnd + 4
        while index + 1 < all.count {
            let opcode = all[index] & 0x0f
            var length = Int(all[index + 1] & 0x7f)
            var start = index + 2
            if length == 126, start + 1 < all.count {
                length = Int(all[start]) << 8 | Int(all[start + 1])
                start += 2
            }
            if opcode == 0x8, length >= 2, start + 1 < all.count { return UInt16(all[start]) << 8 | UInt16(all[start + 1]) }
            index = start + length
        }
        return nil
    }

    func waitFor(_ what: String, within seconds: Double = 10, _ condition: @Sendable ([UInt8]) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(bytes) {
            guard Date() < deadline else { throw TestSetupError("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func waitUntilClosed(within seconds: Double = 10) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while channel.isActive {
            guard Date() < deadline else { throw TestSetupError("the server kept the connection open") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func close() async {
        try? await channel.close()
    }
}

/// Keeps every byte a raw test connection receives.
final class ByteCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let received: NIOLockedValueBox<[UInt8]>
    init(_ received: NIOLockedValueBox<[UInt8]>) { self.received = received }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        received.withLockedValue { $0 += buffer.readableBytesView }
    }
}

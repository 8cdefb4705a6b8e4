import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing
import WebSocketKit

@testable import App

/// A real WebSocket client for the game protocol: it keeps every text message
/// and decodes the binary keyframes, as the browser does (and, from a game with
/// `streamsTruth`, every tick's true state apart, in `truths`).
final class TestSocket: Sendable {
    struct Snapshot: Sendable {
        let phase: UInt8
        let countdown: UInt8
        let tick: UInt32
        let ballX: Float
        let ballY: Float
        let ballVX: Float
        let ballVY: Float
        let rally: UInt16
        let leftPaddleY: Float
        let rightPaddleY: Float
        let leftScore: UInt8
        let rightScore: UInt8
        let lastInput: UInt32
        let keys: SnapshotFrame.Keys

        /// Read by the server's own table (`SnapshotFrame.layout`), never by offsets written here.
        init(_ bytes: [UInt8]) {
            let values = SnapshotFrame.read(bytes)
            func value(_ name: String) -> Double { values[name] ?? 0 }
            phase = UInt8(value("phase"))
            countdown = UInt8(value("countdown"))
            tick = UInt32(value("tick"))
            ballX = Float(value("ballX"))
            ballY = Float(value("ballY"))
            ballVX = Float(value("ballVX"))
            ballVY = Float(value("ballVY"))
            rally = UInt16(value("rally"))
            leftPaddleY = Float(value("leftY"))
            rightPaddleY = Float(value("rightY"))
            leftScore = UInt8(value("leftScore"))
            rightScore = UInt8(value("rightScore"))
            lastInput = UInt32(value("lastInput"))
            keys = SnapshotFrame.Keys(byte: UInt8(value("keys")))
        }
    }

    private struct State {
        var texts: [String] = []
        var snapshots: [Snapshot] = []
        var truths: [Snapshot] = []
        var otherBinary = 0
    }

    let socket: WebSocket
    private let state = NIOLockedValueBox(State())

    private init(socket: WebSocket) {
        self.socket = socket
    }

    /// `cookie` is a session token; `cookieHeader` (a visitor's pass, say) is sent as it is. `via` is
    /// a proxy's port (`NetShaper`) to go through to the server on `port`.
    static func connect(
        port: Int, via proxy: Int? = nil, cookie: String?, cookieHeader: String? = nil, origin: String? = nil
    ) async throws -> TestSocket {
        // websocket-kit writes Host without the port, as no browser does; ours comes first.
        var headers: HTTPHeaders = ["Host": "127.0.0.1:\(port)"]
        if let cookie { headers.add(name: .cookie, value: "\(SessionService.cookieName)=\(cookie)") }
        if let cookieHeader { headers.add(name: .cookie, value: cookieHeader) }
        headers.add(name: .origin, value: origin ?? "http://127.0.0.1:\(port)")
        let connected = NIOLockedValueBox<TestSocket?>(nil)
        // websocket-kit's connect future never completes if the server drops the connection
        // before answering the upgrade (a busy test machine): give it a deadline of its own.
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let opened = loop.makePromise(of: Void.self)
        let deadline = loop.scheduleTask(in: .seconds(60)) { opened.fail(TestSetupError("the WebSocket upgrade got no answer")) }
        WebSocket.connect(
            to: "ws://127.0.0.1:\(proxy ?? port)/api/ws", headers: headers, on: MultiThreadedEventLoopGroup.singleton
        ) { socket in
            let client = TestSocket(socket: socket)
            socket.onText { _, text in client.state.withLockedValue { $0.texts.append(text) } }
            socket.onBinary { _, buffer in
                let bytes = Array(buffer.readableBytesView)
                client.state.withLockedValue {
                    switch (bytes.count, bytes.first) {
                    case (SnapshotFrame.byteCount, SnapshotFrame.Kind.keyframe.rawValue): $0.snapshots.append(Snapshot(bytes))
                    case (SnapshotFrame.byteCount, SnapshotFrame.Kind.truth.rawValue): $0.truths.append(Snapshot(bytes))
                    default: $0.otherBinary += 1
                    }
                }
            }
            connected.withLockedValue { $0 = client }
        }.cascade(to: opened)
        defer { deadline.cancel() }
        try await opened.futureResult.get()
        // The connect future can complete a moment before the upgrade callback has run.
        let callbackDeadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < callbackDeadline {
            if let client = connected.withLockedValue({ $0 }) { return client }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw TestSetupError("the WebSocket did not open")
    }

    func send(_ type: String, _ data: [String: Any]? = nil) throws {
        var message: [String: Any] = ["t": type]
        if let data { message["d"] = data }
        socket.send(String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self))
    }

    func sendRaw(_ text: String) {
        socket.send(text)
    }

    var isClosed: Bool { socket.isClosed }
    var snapshots: [Snapshot] { state.withLockedValue { $0.snapshots } }
    var lastSnapshot: Snapshot? { state.withLockedValue { $0.snapshots.last } }
    /// Every tick's true state (a game with `streamsTruth` only).
    var truths: [Snapshot] { state.withLockedValue { $0.truths } }
    var lastTruth: Snapshot? { state.withLockedValue { $0.truths.last } }
    var messages: [[String: Any]] {
        state.withLockedValue { $0.texts }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Every event of a kind received so far, as its declared payload type.
    func all<Payload: Decodable>(_ event: EventType<Payload>) -> [Payload] {
        state.withLockedValue { $0.texts }.compactMap { text -> Payload? in
            let data = Data(text.utf8)
            guard (try? JSONDecoder.api.decode(Kind.self, from: data))?.t == event.name else { return nil }
            do {
                return try JSONDecoder.api.decode(Envelope<Payload>.self, from: data).d
            } catch {
                Issue.record("\(event.name) is not a \(Payload.self): \(error)")
                return nil
            }
        }
    }

    /// Waits for the `count`-th event of a kind and returns its payload, decoded as the server declares it.
    @discardableResult
    func next<Payload: Decodable>(_ event: EventType<Payload>, count: Int = 1, within seconds: Double = 60) async throws -> Payload {
        try await waitUntil("message \(event.name)", within: seconds) { self.all(type: event.name) >= count }
        return all(event)[count - 1]
    }

    private func all(type: String) -> Int {
        messages.filter { $0["t"] as? String == type }.count
    }

    private struct Kind: Decodable {
        let t: String
    }

    private struct Envelope<Payload: Decodable>: Decodable {
        let t: String
        let d: Payload
    }

    func waitUntil(_ what: String, within seconds: Double = 10, _ condition: @Sendable () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw TestSetupError("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func close() async {
        try? await socket.close()
    }
}

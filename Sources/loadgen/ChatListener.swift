import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import WebSocketKit

/// One seeded player's socket, as a browser tab holds it. Bench messages carry
/// their send time ("bench <uptime ns>"), so each arrival gives a delivery latency.
final class ChatListener: Sendable {
    private struct State {
        var recording = false
        var latencies: [Double] = []
    }

    let socket: WebSocket
    private let state = NIOLockedValueBox(State())

    private init(socket: WebSocket) {
        self.socket = socket
    }

    static func connect(port: Int, token: String, on group: any EventLoopGroup) async throws -> ChatListener {
        let headers: HTTPHeaders = [
            "Host": "127.0.0.1:\(port)", "Origin": "http://127.0.0.1:\(port)", "Cookie": "transcendence_session=\(token)"
        ]
        let opened = NIOLockedValueBox<ChatListener?>(nil)
        try await WebSocket.connect(to: "ws://127.0.0.1:\(port)/api/ws", headers: headers, on: group) { socket in
            let listener = ChatListener(socket: socket)
            socket.onText { _, text in listener.received(text) }
            opened.withLockedValue { $0 = listener }
        }.get()
        for _ in 0..<500 {
            if let listener = opened.withLockedValue({ $0 }) { return listener }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw BenchError("a chat socket did not open")
    }

    static func nowNanoseconds() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }

    private func received(_ text: String) {
        guard text.hasPrefix(#"{"d":{"#), text.contains(#""t":"message""#),
            let range = text.range(of: "bench "),
            let sent = UInt64(text[range.upperBound...].prefix { $0.isNumber })
        else { return }
        let latency = Double(Self.nowNanoseconds() &- sent) / 1e6
        state.withLockedValue { if $0.recording { $0.latencies.append(latency) } }
    }

    func record(_ on: Bool) {
        state.withLockedValue {
            $0.recording = on
            if on { $0.latencies = [] }
        }
    }

    var latencies: [Double] { state.withLockedValue { $0.latencies } }

    func close() async {
        try? await socket.close()
    }
}

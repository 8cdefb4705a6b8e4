import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import WebSocketKit

/// One simulated browser tab playing one AI game: it joins, follows the ball
/// with its paddle (sending only key changes, as a person would), and
/// records when each snapshot arrived.
final class BenchPlayer: Sendable {
    struct Arrival: Sendable {
        let tick: UInt32
        let nanoseconds: UInt64
    }

    private struct State {
        var recording = false
        var arrivals: [Arrival] = []
        var key = "none"
        var sequence = 0
        var over = false
    }

    let socket: WebSocket
    private let state = NIOLockedValueBox(State())

    private init(socket: WebSocket) {
        self.socket = socket
    }

    static func connect(port: Int, cookie: String, game: String, on group: any EventLoopGroup) async throws -> BenchPlayer {
        let headers: HTTPHeaders = ["Host": "127.0.0.1:\(port)", "Origin": "http://127.0.0.1:\(port)", "Cookie": cookie]
        let opened = NIOLockedValueBox<BenchPlayer?>(nil)
        try await WebSocket.connect(to: "ws://127.0.0.1:\(port)/api/ws", headers: headers, on: group) { socket in
            let player = BenchPlayer(socket: socket)
            socket.onBinary { _, buffer in player.received(buffer) }
            socket.onText { _, text in
                if text.contains(#""t":"over""#) {
                    player.state.withLockedValue { $0.over = true }
                }
            }
            opened.withLockedValue { $0 = player }
            socket.send(#"{"t":"join","d":{"game":"\#(game)"}}"#, promise: nil)
        }.get()
        for _ in 0..<1000 {
            if let player = opened.withLockedValue({ $0 }) { return player }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw BenchError("a WebSocket did not open")
    }

    private func received(_ buffer: ByteBuffer) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard buffer.readableBytes == 40,
              let tick = buffer.getInteger(at: buffer.readerIndex + 4, endianness: .little, as: UInt32.self),
              let ballBits = buffer.getInteger(at: buffer.readerIndex + 12, endianness: .little, as: UInt32.self),
              let paddleBits = buffer.getInteger(at: buffer.readerIndex + 24, endianness: .little, as: UInt32.self)
        else { return }
        let ballY = Float(bitPattern: ballBits)
        let paddleCentre = Float(bitPattern: paddleBits) + 50
        let wanted = ballY < paddleCentre - 10 ? "up" : ballY > paddleCentre + 10 ? "down" : "none"
        let message: String? = state.withLockedValue { state in
            if state.recording { state.arrivals.append(Arrival(tick: tick, nanoseconds: now)) }
            guard wanted != state.key else { return nil }
            state.key = wanted
            state.sequence += 1
            return #"{"t":"input","d":{"seq":\#(state.sequence),"side":"left","key":"\#(wanted)"}}"#
        }
        if let message { socket.send(message, promise: nil) }
    }

    func record(_ on: Bool) {
        state.withLockedValue { $0.recording = on }
    }

    var arrivals: [Arrival] { state.withLockedValue { $0.arrivals } }
    var isOver: Bool { state.withLockedValue { $0.over } }

    func leave() async {
        socket.send(#"{"t":"leave"}"#, promise: nil)
        try? await Task.sleep(for: .milliseconds(5))
        try? await socket.close()
    }
}

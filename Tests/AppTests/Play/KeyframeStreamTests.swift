import Foundation
import Testing

@testable import App
@testable import PongCore

/// The keyframe stream on a real socket: a player with random keys (some of them stamped a few
/// ticks late, so the server rewinds) against the hard AI, the game streaming its true state beside
/// the keyframes (`streamsTruth`). Every true tick is rebuilt from the keyframes received before it,
/// as a browser does, to the rounding of the frame's 32-bit floats.
@Suite struct KeyframeStreamTests {
    static let timing = LiveGame.Timing(
        tickInterval: .milliseconds(2), countdownTicks: 20, reconnectGrace: .seconds(30), streamsTruth: true)
    /// The frame carries 32-bit floats; the engine's doubles are rebuilt from them within this.
    static let tolerance: Float = 0.01

    @Test func everyTick_isRebuiltFromTheKeyframes_rewindsIncluded_withAFractionOfTheMessages() async throws {
        try await withTestApp(gameTiming: Self.timing) { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            try await alice.saveGameSettings(pointsToWin: 21)
            let id = try await alice.startGame(["mode": "ai"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": id])
                let paddleHeight = try await socket.next(ServerEvent.game).field.paddleHeight
                var keys = RandomKeys(seed: 11)
                var sequence = 0
                let deadline = Date().addingTimeInterval(120)
                while socket.all(ServerEvent.over).isEmpty, socket.truths.count < 4_000, Date() < deadline {
                    let before = keys.left
                    for _ in 0..<10 { _ = keys.next() }
                    if keys.left != before, let now = socket.lastTruth {
                        sequence += 1
                        var input: [String: Any] = ["seq": sequence, "side": "left", "key": keys.left.rawValue]
                        // Every other key as if pressed a few ticks before it arrived: the server rewinds.
                        if sequence % 2 == 0 { input["tick"] = Int(now.tick) - 3 }
                        try socket.send("input", input)
                    }
                    try await Task.sleep(for: .milliseconds(20))
                }
                try socket.send("leave")
                try await socket.next(ServerEvent.over)
                let keyframes = socket.snapshots, truths = socket.truths
                #expect(truths.count > 1_000 && sequence > 20, "\(truths.count) ticks, \(sequence) keys")
                var compared = 0
                for truth in truths where truth.phase <= 1 {
                    guard let frame = keyframes.last(where: { $0.tick <= truth.tick }) else { continue }
                    let rebuilt = Self.rebuild(frame, at: truth.tick, paddleHeight: paddleHeight)
                    compared += 1
                    let off = [
                        abs(rebuilt.ballX - truth.ballX), abs(rebuilt.ballY - truth.ballY),
                        abs(rebuilt.leftY - truth.leftPaddleY), abs(rebuilt.rightY - truth.rightPaddleY)
                    ]
                    #expect(off.allSatisfy { $0 <= Self.tolerance }, "tick \(truth.tick) from the keyframe of \(frame.tick): \(off)")
                    if off.contains(where: { $0 > Self.tolerance }) { break }
                }
                #expect(compared > 1_000)
                // Keys change every few hundred ms and the ball is hit each second or so: most ticks send nothing.
                #expect(keyframes.count * 8 < truths.count, "\(keyframes.count) keyframes for \(truths.count) ticks")
                await socket.close()
            }
        }
    }

    /// A frame carried on to `tick` as the browser does (`keyframe-buffer.js`, `keyframes.js`).
    static func rebuild(
        _ frame: TestSocket.Snapshot, at tick: UInt32, paddleHeight: Double
    )
        -> (ballX: Float, ballY: Float, leftY: Float, rightY: Float)
    {
        var state = PongSnapshot(
            tick: Int(frame.tick), phase: frame.phase == 1 ? .playing : .serving(towards: .left, ticksLeft: 1_000),
            ballX: Double(frame.ballX), ballY: Double(frame.ballY), ballVX: Double(frame.ballVX), ballVY: Double(frame.ballVY),
            leftPaddleY: Double(frame.leftPaddleY), rightPaddleY: Double(frame.rightPaddleY), paddleHeight: paddleHeight,
            leftScore: Int(frame.leftScore), rightScore: Int(frame.rightScore), rally: Int(frame.rally))
        let courtMoves = !frame.keys.frozen && frame.phase <= 1
        while courtMoves, state.tick < Int(tick) { state.coast(left: frame.keys.left, right: frame.keys.right) }
        return (Float(state.ballX), Float(state.ballY), Float(state.leftPaddleY), Float(state.rightPaddleY))
    }
}

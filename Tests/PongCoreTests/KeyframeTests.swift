import Testing

@testable import PongCore

/// "State at tick t from a keyframe" against the engine itself: every tick of seeded games with
/// random key changes, rebuilt from the last keyframe the schedule would have sent.
@Suite struct KeyframeTests {
    private static func expectClose(_ rebuilt: PongSnapshot, _ truth: PongSnapshot, seed: UInt64) {
        let tolerance = 1e-6
        #expect(rebuilt.tick == truth.tick)
        #expect(rebuilt.phase == truth.phase, "seed \(seed), tick \(truth.tick)")
        #expect(abs(rebuilt.ballX - truth.ballX) <= tolerance, "seed \(seed), tick \(truth.tick)")
        #expect(abs(rebuilt.ballY - truth.ballY) <= tolerance, "seed \(seed), tick \(truth.tick)")
        #expect(abs(rebuilt.ballVX - truth.ballVX) <= tolerance && abs(rebuilt.ballVY - truth.ballVY) <= tolerance)
        #expect(abs(rebuilt.leftPaddleY - truth.leftPaddleY) <= tolerance, "seed \(seed), tick \(truth.tick)")
        #expect(abs(rebuilt.rightPaddleY - truth.rightPaddleY) <= tolerance, "seed \(seed), tick \(truth.tick)")
        #expect((rebuilt.leftScore, rebuilt.rightScore, rebuilt.rally) == (truth.leftScore, truth.rightScore, truth.rally))
    }

    @Test(arguments: 0..<UInt64(40))
    func everyTick_isRebuiltFromTheLastKeyframe(seed: UInt64) {
        let speeds = PongSettings.BallSpeed.allCases, sizes = PongSettings.PaddleSize.allCases
        let settings = PongSettings(ballSpeed: speeds[Int(seed) % 3], paddleSize: sizes[Int(seed / 3) % 3])
        var game = PongGame(settings: settings, seed: seed)
        var keys = RandomKeys(seed: seed &+ 1000)
        var schedule = KeyframeSchedule()
        var latest = schedule.keyframe(now: game.snapshot, left: .none, right: .none)
        var sent = 1
        while !game.isOver && game.snapshot.tick < 60 * 300 {
            let (left, right) = keys.next()
            let events = game.step(left: left, right: right)
            // What a receiver draws before this tick's keyframe (if any) arrives: the last one, carried on.
            if let frame = schedule.keyframe(after: game.snapshot, left: left, right: right, events: events) {
                latest = frame
                sent += 1
            }
            Self.expectClose(latest.state(atTick: game.snapshot.tick), game.snapshot, seed: seed)
        }
        #expect(game.isOver, "seed \(seed) did not finish")
        // Random keys change often; still far fewer frames than ticks.
        #expect(sent * 4 < game.snapshot.tick)
    }

    @Test func aGameWithoutKeys_sendsHeartbeatsAndEvents_only() {
        // A steep ball, so it meets the walls many times between the paddles.
        var steep = PongGame(seed: 5).snapshot
        (steep.phase, steep.ballVX, steep.ballVY) = (.playing, 2, 9)
        var game = PongGame(settings: PongSettings(), seed: 5, resumingFrom: steep, nextServe: .left)
        var schedule = KeyframeSchedule()
        _ = schedule.keyframe(now: game.snapshot, left: .none, right: .none)
        var gaps: [Int] = []
        var lastTick = 0
        var wallBounceTicks: [Int] = []
        var frameTicks: Set<Int> = []
        for _ in 0..<600 {
            let events = game.step(left: .none, right: .none)
            if events.contains(.wallBounce) { wallBounceTicks.append(game.snapshot.tick) }
            if let frame = schedule.keyframe(after: game.snapshot, left: .none, right: .none, events: events) {
                gaps.append(frame.state.tick - lastTick)
                lastTick = frame.state.tick
                frameTicks.insert(frame.state.tick)
            }
        }
        #expect(gaps.allSatisfy { $0 <= KeyframeSchedule.heartbeatTicks })
        #expect(gaps.filter { $0 == KeyframeSchedule.heartbeatTicks }.count >= 10)
        #expect(!wallBounceTicks.isEmpty)
        #expect(wallBounceTicks.contains { !frameTicks.contains($0) }, "a wall bounce alone sends nothing")
    }

    @Test func aKeyChange_isAKeyframe_andAFinishedGame_standsStill() {
        var game = PongGame(seed: 1)
        var schedule = KeyframeSchedule()
        _ = schedule.keyframe(now: game.snapshot, left: .none, right: .none)
        let events = game.step(left: .up, right: .none)
        #expect(schedule.keyframe(after: game.snapshot, left: .up, right: .none, events: events) != nil)
        let same = game.step(left: .up, right: .none)
        #expect(schedule.keyframe(after: game.snapshot, left: .up, right: .none, events: same) == nil)

        var over = game.snapshot
        over.phase = .finished(winner: .left)
        let frame = Keyframe(state: over, leftInput: .down, rightInput: .up)
        #expect(frame.state(atTick: over.tick + 50) == over)
        #expect(frame.state(atTick: over.tick - 5) == over, "a tick before the keyframe gives the keyframe")
    }

    /// A rewind re-simulates the last ticks with a late key: the present state leaves the path the
    /// last keyframe gave, though the keys held now and this tick's events look the same.
    @Test func aStateOffTheCarriedPath_isAKeyframe_evenWithTheSameKeysAndNoEvent() {
        var game = PongGame(seed: 3)
        var schedule = KeyframeSchedule()
        _ = schedule.keyframe(now: game.snapshot, left: .none, right: .none)
        _ = game.step(left: .none, right: .none)
        #expect(schedule.keyframe(after: game.snapshot, left: .none, right: .none, events: []) == nil)
        _ = game.step(left: .none, right: .none)
        var rewound = game.snapshot
        rewound.leftPaddleY += Field.paddleSpeed
        let correction = schedule.keyframe(after: rewound, left: .none, right: .none, events: [])
        #expect(correction?.state == rewound)
        var after = rewound
        after.coast(left: .none, right: .none)
        #expect(schedule.keyframe(after: after, left: .none, right: .none, events: []) == nil, "back on the carried path")
    }

    @Test func rebuiltPaddles_stopAtTheWalls() {
        let game = PongGame(seed: 2)
        let frame = Keyframe(state: game.snapshot, leftInput: .up, rightInput: .down)
        let later = frame.state(atTick: 200)
        #expect(later.leftPaddleY == 0)
        #expect(later.rightPaddleY == Field.height - later.paddleHeight)
        guard case let .serving(_, ticksLeft) = later.phase else {
            Issue.record("the serve is the server's to send")
            return
        }
        #expect(ticksLeft == 1)
    }
}

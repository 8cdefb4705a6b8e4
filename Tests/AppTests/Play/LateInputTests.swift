import Foundation
import Testing

@testable import App
@testable import PongCore

/// Keys count when they were pressed: a bot on a real socket, its messages to the server delayed
/// by the network shaper, plays a remote game at the real 60 Hz. It keeps its paddle against the
/// top wall; when a serve comes its way it works out with the engine the last tick at which
/// pressing "down" still returns the ball, presses one tick before that — and its key arrives
/// 100 ms (or 300 ms) later, when pressing would be too late. The server rewinds to the tick the
/// key carries (up to 150 ms back), so the 100 ms-late press returns the ball; unstamped, or
/// 300 ms late, it counts on arrival and misses.
@Suite(.serialized) struct LateInputTests {
    /// The bot times its keys by every tick's true state (`streamsTruth`), not the keyframes.
    static let realTime = LiveGame.Timing(
        countdownTicks: 30, reconnectGrace: .seconds(30), remoteGrace: .seconds(30), remotePause: .seconds(30), streamsTruth: true)
    static let settings = PongSettings(rules: MatchRules(pointsToWin: 11)!, ballSpeed: .slow)

    @Test func aKeyPressed100msBeforeItArrives_returnsTheBallThePlayerSaw() async throws {
        // A busy machine can add its own delay to the shaper's 100 ms: a key that reached the game
        // past the cap is no 100 ms-late key, and is left out (each one is reported).
        let serves = try await playServes(upstream: "oneway-100", stamped: true, attempts: 2) {
            $0.lateTicks < RewindableGame.maximumRewind
        }
        #expect(serves.map(\.returned) == [true, true], "\(serves)")
    }

    @Test func theSameKeyWithoutItsTick_countsOnArrival_andMisses() async throws {
        let serves = try await playServes(upstream: "oneway-100", stamped: false, attempts: 2)
        #expect(serves.map(\.returned) == [false, false], "\(serves)")
    }

    @Test func aKey300msLate_isPastTheCap_andCountsOnArrival() async throws {
        let serves = try await playServes(upstream: "oneway-300", stamped: true, attempts: 2)
        #expect(serves.map(\.returned) == [false, false], "\(serves)")
        #expect(serves.allSatisfy { $0.lateTicks > RewindableGame.maximumRewind }, "\(serves)")
    }

    /// A tick in the future is the next tick, one far in the past too: the first snapshot that
    /// acknowledges the key shows the paddle one tick (9 units) into its move, never more.
    @Test func aStampFromTheFutureOrTheFarPast_countsFromTheNextTick() async throws {
        try await withRemoteGame(upstream: "lan") { alice, _, _ in
            try await alice.waitUntil("play", within: 60) { (alice.lastTruth?.phase ?? 0) == 1 }
            var sequence = 0
            for (key, offset) in [("down", 40), ("none", 0), ("up", -400), ("none", 0)] {
                let now = Int(try #require(alice.lastTruth).tick)
                let before = try #require(alice.lastTruth).leftPaddleY
                sequence += 1
                try alice.send("input", ["seq": sequence, "side": "left", "key": key, "tick": now + offset])
                let expected = sequence
                try await alice.waitUntil("the key acknowledged", within: 30) {
                    alice.truths.contains { Int($0.lastInput) >= expected }
                }
                let acknowledged = try #require(alice.truths.first { Int($0.lastInput) >= expected })
                if key != "none" {
                    #expect(abs(acknowledged.leftPaddleY - before) <= Float(Field.paddleSpeed) + 0.01, "\(key) moved too far at once")
                    #expect(acknowledged.leftPaddleY != before, "\(key) waited for its future tick")
                }
            }
        }
    }

    @Test func aTickThatIsNotAWholeNumber_isRefused() async throws {
        try await withRemoteGame(upstream: "lan") { alice, _, _ in
            for tick in ["\"soon\"", "1.5", "null"] {
                alice.sendRaw(#"{"t":"input","d":{"seq":1,"side":"left","key":"up","tick":\#(tick)}}"#)
            }
            try await alice.waitUntil("two refusals", within: 30) { alice.all(ServerEvent.error).count >= 2 }
            #expect(alice.all(ServerEvent.error).map(\.code) == ["invalid_message", "invalid_message"])
        }
    }

    // MARK: The bot

    /// One serve the bot played: whether the ball came back, and how many ticks after the key's
    /// stamp the game took it in (the tick of the first snapshot that acknowledges it).
    struct Serve: CustomStringConvertible {
        let returned: Bool
        let lateTicks: Int
        var description: String { "\(returned ? "returned" : "missed") (key taken \(lateTicks) ticks after it was pressed)" }
    }

    /// Plays serves towards the left paddle until `attempts` of them that `counts` keeps were tried.
    private func playServes(
        upstream: String, stamped: Bool, attempts: Int, counts: @escaping (Serve) -> Bool = { _ in true }
    ) async throws -> [Serve] {
        var kept: [Serve] = []
        var leftOut: [Serve] = []
        try await withRemoteGame(upstream: upstream) { alice, _, _ in
            var sequence = 1
            try alice.send("input", ["seq": sequence, "side": "left", "key": "up"])
            // A busy machine can delay many keys past the cap on top of the shaper's delay: those are
            // left out and the bot tries again, for as long as it takes.
            let deadline = Date().addingTimeInterval(300)
            while kept.count < attempts {
                guard Date() < deadline, leftOut.count < 40 else {
                    throw TestSetupError("only \(kept.count) serves counted; left out: \(leftOut)")
                }
                try await Task.sleep(for: .milliseconds(2))
                guard let served = alice.lastTruth, served.phase == 1, served.ballVX < 0, served.ballX > 300,
                    served.rally == 0, served.leftPaddleY == 0, let plan = Self.lastTickToPress(after: served)
                else { continue }
                try await alice.waitUntil("tick \(plan.press)", within: 30) { (alice.lastTruth?.tick ?? 0) >= plan.press }
                sequence += 1
                var input: [String: Any] = ["seq": sequence, "side": "left", "key": "down"]
                if stamped { input["tick"] = Int(plan.press) }
                try alice.send("input", input)
                let pointsBefore = alice.all(ServerEvent.point).count
                let pressed = sequence
                try await alice.waitUntil("the ball returned or the point lost", within: 30) {
                    (alice.lastTruth?.rally ?? 0) > 0 || alice.all(ServerEvent.point).count > pointsBefore
                }
                let taken = alice.truths.first { Int($0.lastInput) >= pressed }.map { Int($0.tick) - Int(plan.press) }
                let serve = Serve(returned: (alice.lastTruth?.rally ?? 0) > 0, lateTicks: taken ?? Int.max)
                if counts(serve) { kept.append(serve) } else { leftOut.append(serve) }
                sequence += 1
                try alice.send("input", ["seq": sequence, "side": "left", "key": "up"])
                // The next serve: the ball back in the middle.
                try await alice.waitUntil("the next point", within: 60) { alice.all(ServerEvent.point).count > pointsBefore }
            }
        }
        return kept
    }

    /// One tick before the last one at which pressing "down" (from the top wall) still returns the
    /// ball, if the ball is out of reach without moving and there is time to wait for that tick.
    static func lastTickToPress(after seen: TestSocket.Snapshot) -> (press: UInt32, latest: Int)? {
        let court = PongSnapshot(
            tick: Int(seen.tick), phase: .playing, ballX: Double(seen.ballX), ballY: Double(seen.ballY),
            ballVX: Double(seen.ballVX), ballVY: Double(seen.ballVY), leftPaddleY: Double(seen.leftPaddleY),
            rightPaddleY: Double(seen.rightPaddleY), paddleHeight: settings.paddleSize.height,
            leftScore: Int(seen.leftScore), rightScore: Int(seen.rightScore), rally: 0)
        guard !returns(court, pressingDownAt: nil) else { return nil }
        guard let latest = (1...240).last(where: { returns(court, pressingDownAt: $0) }), latest > 12 else { return nil }
        return (seen.tick + UInt32(latest - 1), latest)
    }

    /// The engine's answer: held up until `press` ticks from now and down from then, is it a return?
    static func returns(_ court: PongSnapshot, pressingDownAt press: Int?) -> Bool {
        var game = PongGame(settings: settings, seed: 1, resumingFrom: court, nextServe: .left)
        for step in 1...400 {
            let key: PaddleInput = press.map { step >= $0 } == true ? .down : .up
            for event in game.step(left: key, right: .none) {
                if case .paddleHit(.left) = event { return true }
                if case .point = event { return false }
            }
        }
        return false
    }

    /// Alice (left, behind the shaper: `upstream` on the way in, `lan` on the way out) and Bob
    /// (right, direct, never touching a key) in a remote game at 60 ticks a second.
    private func withRemoteGame(
        upstream: String, _ body: (_ alice: TestSocket, _ bob: TestSocket, _ game: String) async throws -> Void
    ) async throws {
        try await withTestApp(gameTiming: Self.realTime) { app in
            let players = try await friends(app, "alice", "bob")
            try await withRunningServer(app) { port in
                let shaper = try NetShaper.start(to: port, up: upstream, down: "lan")
                defer { shaper.stop() }
                let alice = try await TestSocket.connect(port: port, via: shaper.port, cookie: players[0].cookie)
                let bob = try await players[1].socket(port: port)
                try await alice.next(ServerEvent.hello)
                try await bob.next(ServerEvent.hello)
                let id = try await players[0].invited("bob", ["pointsToWin": 11, "ballSpeed": "slow", "rated": false])
                let accepted = try await players[1].send(.POST, "/api/invitations/\(id)/accept")
                let game = try #require(try accepted.decode(InvitationDTO.self).gameID).uuidString
                try alice.send("join", ["game": game])
                try bob.send("join", ["game": game])
                #expect(try await alice.next(ServerEvent.game).controls == [.left])
                #expect(try await bob.next(ServerEvent.game).controls == [.right])
                try await body(alice, bob, game)
                try alice.send("leave")
                _ = try await bob.next(ServerEvent.over)
                await alice.close()
                await bob.close()
            }
        }
    }
}

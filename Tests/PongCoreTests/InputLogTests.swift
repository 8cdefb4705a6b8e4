import Testing

@testable import PongCore

/// A game's key changes are its replay: stored in a few bytes each, read back exactly, refused when
/// damaged, and re-simulated to the very state the game ended in — late keys, rewinds and a
/// take-over from a checkpoint included.
@Suite struct InputLogTests {
    private static let settings = PongSettings(rules: MatchRules(pointsToWin: 3)!)

    /// A game played to its end by two random players whose keys arrive 0–12 ticks late (so some
    /// are rewound into the past and some, past the cap, count on arrival).
    private static func playedWithLateKeys(seed: UInt64, from start: RewindableGame? = nil) -> RewindableGame {
        var game = start ?? RewindableGame(PongGame(settings: settings, seed: seed))
        var keys = RandomKeys(seed: seed &+ 17)
        var delays = SeededRandom(seed: seed &+ 99)
        var held = (left: PaddleInput.none, right: PaddleInput.none)
        var tick = game.tick
        while !game.game.isOver, tick < 40_000 {
            let next = keys.next()
            if next.left != held.left {
                game.press(next.left, side: .left, pressedAt: tick + 1 - Int(delays.next() % 13))
            }
            if next.right != held.right {
                game.press(next.right, side: .right, pressedAt: tick + 1 - Int(delays.next() % 13))
            }
            held = next
            _ = game.step()
            tick += 1
        }
        _ = game.settle()
        return game
    }

    @Test func aLog_readsBackAsWritten_inAFewBytesAChange() throws {
        let game = Self.playedWithLateKeys(seed: 7)
        let log = game.log
        let bytes = log.encoded
        let read = try #require(InputLog(encoded: bytes))
        #expect(read.entries == log.entries && read.endTick == log.endTick)
        #expect(log.count > 40)
        #expect(bytes.count < log.count * 3 + 8, "\(bytes.count) bytes for \(log.count) changes")
    }

    @Test func damagedBytes_areNoLog() {
        let good = Self.playedWithLateKeys(seed: 8).log.encoded
        #expect(InputLog(encoded: []) == nil)
        #expect(InputLog(encoded: [2] + good.dropFirst()) == nil, "an unknown version")
        #expect(InputLog(encoded: Array(good.dropLast())) == nil, "cut short")
        #expect(InputLog(encoded: good + [0]) == nil, "bytes after the last change")
        #expect(InputLog(encoded: [1, 10, 1, 0b11]) == nil, "a key that does not exist")
        #expect(InputLog(encoded: [1, 10, 0xFF, 0xFF, 0xFF, 0x7F]) == nil, "more changes than any game")
        #expect(InputLog(encoded: [1, 10, 1, 0x80 | 0x7F, 0x01]) == nil, "a change after the end")
        #expect(InputLog(encoded: [1] + [UInt8](repeating: 0xFF, count: 11)) == nil, "a varint longer than 64 bits")
    }

    @Test(arguments: 1...24)
    func theReplay_endsExactlyWhereTheGameDid(seed: UInt64) {
        let game = Self.playedWithLateKeys(seed: seed)
        let replay = Replay(settings: Self.settings, seed: seed, log: game.log)
        #expect(replay.final == game.game.snapshot)
        #expect(replay.points.count == game.game.snapshot.leftScore + game.game.snapshot.rightScore)
        // Every tick between keyframes follows from the one before, as the browser computes it.
        var previous = replay.keyframes[0]
        for frame in replay.keyframes.dropFirst() {
            #expect(frame.state.tick > previous.state.tick)
            #expect(frame.state.tick - previous.state.tick <= KeyframeSchedule.heartbeatTicks)
            previous = frame
        }
        #expect(replay.keyframes.last?.state == replay.final)
    }

    @Test func aGameStoppedEarly_replaysToWhereItStopped() {
        var game = RewindableGame(PongGame(settings: Self.settings, seed: 5))
        game.press(.up, side: .left)
        for _ in 0..<200 { _ = game.step() }
        game.press(.down, side: .right, pressedAt: 195)
        for _ in 0..<3 { _ = game.step() }
        _ = game.settle()
        let replay = Replay(settings: Self.settings, seed: 5, log: game.log)
        #expect(replay.final == game.game.snapshot && replay.final.tick == 203)
    }

    @Test(arguments: 1...8)
    func aGameTakenOverFromACheckpoint_replaysFromTheStart(seed: UInt64) throws {
        // Played until its first point, then the instance "dies" 5 ticks later: the checkpoint is
        // the settled state after the point, with the serve generator and the log at that moment.
        var first = RewindableGame(PongGame(settings: Self.settings, seed: seed))
        var keys = RandomKeys(seed: seed)
        var checkpoint: (state: PongSnapshot, random: UInt64, log: InputLog)?
        while checkpoint == nil, first.tick < 40_000 {
            let next = keys.next()
            if next.left != first.key(.left) { first.press(next.left, side: .left, pressedAt: first.tick - 3) }
            if next.right != first.key(.right) { first.press(next.right, side: .right) }
            let settled = first.step()
            if settled.contains(where: { if case .point = $0 { true } else { false } }) {
                checkpoint = (first.finalState, first.finalRandomState, first.log)
            }
        }
        let saved = try #require(checkpoint)
        for _ in 0..<5 { _ = first.step() }
        var log = try #require(InputLog(encoded: saved.log.encoded))
        log.resume(after: saved.state.tick)
        guard case let .serving(towards, _) = saved.state.phase else {
            Issue.record("not at a serve")
            return
        }
        let resumed = RewindableGame(
            PongGame(
                settings: Self.settings, seed: seed, resumingFrom: saved.state, nextServe: towards.opponent,
                randomState: saved.random),
            log: log)
        let ended = Self.playedWithLateKeys(seed: seed &+ 1000, from: resumed)
        #expect(Replay(settings: Self.settings, seed: seed, log: ended.log).final == ended.game.snapshot)
    }
}

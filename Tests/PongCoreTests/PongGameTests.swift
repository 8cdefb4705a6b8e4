import Testing

@testable import PongCore

@Suite struct PongGameTests {
    /// Inputs that change every few ticks, from a seed: lots of different games.
    private func randomInputs(seed: UInt64) -> (Controller, Controller) {
        var random = SeededRandom(seed: seed)
        var current = (PaddleInput.none, PaddleInput.none)
        let pick: (inout SeededRandom) -> PaddleInput = { PaddleInput.allCases[Int($0.next() % 3)] }
        var left: Controller = { _ in .none }
        left = { snapshot in
            if snapshot.tick % 7 == 0 { current = (pick(&random), pick(&random)) }
            return current.0
        }
        return (left, { _ in current.1 })
    }

    @Test func sameSeedAndInputs_giveTheSameGameBitForBit() {
        var first: [PongSnapshot] = [], second: [PongSnapshot] = []
        let (l1, r1) = randomInputs(seed: 42), (l2, r2) = randomInputs(seed: 42)
        _ = Match.play(seed: 9, left: l1, right: r1) { snapshot, _ in first.append(snapshot) }
        _ = Match.play(seed: 9, left: l2, right: r2) { snapshot, _ in second.append(snapshot) }
        #expect(first.count > 600)
        #expect(first == second)
        var other: [PongSnapshot] = []
        let (l3, r3) = randomInputs(seed: 42)
        _ = Match.play(seed: 10, left: l3, right: r3) { snapshot, _ in other.append(snapshot) }
        #expect(other != first, "another seed, another game")
    }

    @Test(arguments: 0..<UInt64(40))
    func theBallNeverLeavesTheField_andScoresOnlyRise(seed: UInt64) {
        let (left, right) = randomInputs(seed: seed)
        var lastScores = (0, 0)
        let half = Field.ballSize / 2
        let end = Match.play(seed: seed, left: left, right: right) { snapshot, _ in
            #expect(snapshot.ballY >= half - 1e-9 && snapshot.ballY <= Field.height - half + 1e-9)
            #expect(snapshot.ballX >= -half - 30 && snapshot.ballX <= Field.width + half + 30)
            #expect(snapshot.leftScore >= lastScores.0 && snapshot.rightScore >= lastScores.1)
            #expect(snapshot.leftScore + snapshot.rightScore <= lastScores.0 + lastScores.1 + 1)
            lastScores = (snapshot.leftScore, snapshot.rightScore)
        }
        guard case let .finished(winner) = end.phase else {
            Issue.record("game \(seed) did not finish")
            return
        }
        #expect(end.score(winner) == 5)
        #expect(end.score(winner.opponent) < 5)
    }

    @Test(arguments: [1, 3, 21])
    func theGameEndsExactlyAtTheTarget(points: Int) {
        let settings = PongSettings(rules: MatchRules(pointsToWin: points)!)
        var overEvents = 0
        let end = Match.play(seed: 3, settings: settings, left: { _ in .none }, right: Match.tracker(.right, lag: 0)) { _, events in
            overEvents += events.filter { if case .gameOver = $0 { true } else { false } }.count
        }
        #expect(end.phase == .finished(winner: .right))
        #expect(end.rightScore == points && end.leftScore == 0)
        #expect(overEvents == 1)
        var game = PongGame(settings: settings, seed: 3, resumingFrom: end, nextServe: .left)
        #expect(game.step(left: .up, right: .up).isEmpty, "a finished game does not move")
        #expect(game.snapshot == end)
    }

    @Test func serveDirectionAlternates() {
        var serves: [Side] = []
        let end = Match.play(seed: 5, left: { _ in .none }, right: { _ in .none }) { _, events in
            for case let .serve(towards) in events { serves.append(towards) }
        }
        #expect(serves.count == end.leftScore + end.rightScore, "one serve per point")
        for (a, b) in zip(serves, serves.dropFirst()) { #expect(a != b) }
    }

    /// A ball far faster than the cap still meets the paddle in its path.
    @Test func aFastBall_neverTunnelsThroughAPaddle() {
        var start = PongGame(seed: 1).snapshot
        start.phase = .playing
        start.ballX = 120
        start.ballY = 300
        start.ballVX = -95
        start.ballVY = 0
        start.leftPaddleY = 250
        var game = PongGame(settings: PongSettings(), seed: 1, resumingFrom: start, nextServe: .left)
        let events = game.step(left: .none, right: .none)
        #expect(events.contains(.paddleHit(.left)))
        #expect(game.snapshot.ballVX > 0)
        #expect(game.snapshot.ballX >= Field.faceX(.left))
    }

    @Test func edgeHitsReturnSteeperThanCentreHits_andRalliesSpeedUpToACap() {
        func hit(at offset: Double, speed: Double) -> PongSnapshot {
            var start = PongGame(seed: 1).snapshot
            start.phase = .playing
            start.ballX = 60
            start.ballY = 300 + offset
            start.ballVX = -speed
            start.ballVY = 0
            start.leftPaddleY = 250
            var game = PongGame(settings: PongSettings(), seed: 1, resumingFrom: start, nextServe: .left)
            for _ in 0..<20 where game.snapshot.ballVX < 0 { game.step(left: .none, right: .none) }
            return game.snapshot
        }
        let centre = hit(at: 0, speed: 6.5), edge = hit(at: 48, speed: 6.5)
        #expect(abs(centre.ballVY) < 0.001)
        #expect(abs(edge.ballVY / edge.ballVX) > 1)
        let speed = (centre.ballVX * centre.ballVX + centre.ballVY * centre.ballVY).squareRoot()
        #expect(abs(speed - 6.5 * Field.speedUpPerHit) < 1e-9)
        let capped = hit(at: 0, speed: 50)
        #expect(abs(capped.ballVX) <= 6.5 * Field.maximumSpeedFactor + 1e-9)
    }

    @Test func aSteepFastReturn_outrunsAFarPaddle_butNotANearOne() {
        // A return off the paddle's edge at the rally's top speed climbs faster than any paddle moves.
        var start = PongGame(seed: 1).snapshot
        start.phase = .playing
        start.ballX = 60
        start.ballY = 300 + 50
        start.ballVX = -6.5 * Field.maximumSpeedFactor
        start.ballVY = 0
        start.leftPaddleY = 250
        var game = PongGame(settings: PongSettings(), seed: 1, resumingFrom: start, nextServe: .left)
        for _ in 0..<20 where game.snapshot.ballVX < 0 { game.step(left: .none, right: .none) }
        #expect(abs(game.snapshot.ballVY) > Field.paddleSpeed)
        let returned = game.snapshot
        /// Whether a right paddle starting at `top` returns the ball: it stays put (`lag` nil) or follows the ball `lag` ticks late.
        func reaches(fromTop top: Double, lag: Int?) -> Bool {
            var rally = PongGame(
                settings: PongSettings(), seed: 1,
                resumingFrom: {
                    var s = returned
                    s.rightPaddleY = top
                    return s
                }(), nextServe: .left)
            var follower = lag.map { ReferencePlayer(side: .right, lag: $0) }
            while rally.snapshot.ballVX > 0, !rally.isOver, rally.snapshot.leftScore == 0 {
                let snapshot = rally.snapshot
                rally.step(left: .none, right: follower?.input(snapshot) ?? .none)
            }
            return rally.snapshot.ballVX < 0
        }
        // A paddle already where the ball lands meets it; a person at the far wall, 150 ms late, never catches up.
        let landing = PongAI.predictY(
            fromX: returned.ballX, y: returned.ballY, vx: returned.ballVX, vy: returned.ballVY,
            toX: Field.faceX(.right) - Field.ballSize / 2)
        #expect(reaches(fromTop: min(max(landing - 50, 0), 500), lag: nil), "a paddle waiting where the ball lands missed it")
        #expect(!reaches(fromTop: landing < 300 ? 500 : 0, lag: 9), "a follower at the far wall reached a steep top-speed return")
    }

    @Test func everyPaddle_movesAtTheSameSpeed() {
        var game = PongGame(seed: 2)
        let before = game.snapshot
        game.step(left: .up, right: .down)
        #expect(before.leftPaddleY - game.snapshot.leftPaddleY == Field.paddleSpeed)
        #expect(game.snapshot.rightPaddleY - before.rightPaddleY == Field.paddleSpeed)
    }
}

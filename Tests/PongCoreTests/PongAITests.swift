import Testing

@testable import PongCore

@Suite struct PongAITests {
    @Test func theAI_looksAtTheGameAtMostOncePerSecond() {
        var ai = PongAI(side: .right, difficulty: .hard, seed: 4)
        var lookTicks: [Int] = []
        let end = Match.play(
            seed: 4, left: Match.tracker(.left, lag: 0),
            right: { snapshot in
                ai.input(atTick: snapshot.tick) {
                    lookTicks.append(snapshot.tick)
                    return snapshot
                }
            })
        #expect(ai.looks == lookTicks.count)
        #expect(lookTicks.count <= end.tick / Field.ticksPerSecond + 1)
        for (a, b) in zip(lookTicks, lookTicks.dropFirst()) { #expect(b - a >= Field.ticksPerSecond) }
    }

    @Test func prediction_foldsWallBounces() {
        // Down at 45° from the middle for 300 units: 294 to the bottom wall (its centre stops
        // 6 short of 600), then 6 back up.
        let y = PongAI.predictY(fromX: 400, y: 300, vx: 5, vy: 5, toX: 700)
        #expect(abs(y - 588) < 1e-9)
        #expect(PongAI.predictY(fromX: 400, y: 300, vx: 5, vy: 0, toX: 700) == 300)
    }

    // The targets, on 200 seeded games each (deterministic, so never flaky);
    // `make bench` prints the same figures over 400 games.
    static func follower(_: UInt64) -> Controller { Match.tracker(.left, lag: 9) }

    @Test func aBallFollower_beatsEasyMostOfTheTime_yetEasyReturnsMostBalls() {
        var rallies: [Int] = []
        var followerWins = 0
        for seed in 0..<UInt64(200) {
            let end = Match.play(seed: seed, left: Match.tracker(.left, lag: 9), right: Match.ai(.easy, .right, seed: seed)) { _, events in
                for case let .point(_, rally) in events { rallies.append(rally) }
            }
            if case .finished(.left) = end.phase { followerWins += 1 }
        }
        #expect(Double(followerWins) / 200 >= 0.70)
        let meanRally = Double(rallies.reduce(0, +)) / Double(rallies.count)
        #expect(meanRally >= 3, "easy's mean rally against a follower was \(meanRally)")
    }

    @Test func medium_isAnEvenMatchForABallFollower() {
        let rate = Match.leftWinRate(games: 200, left: Self.follower, right: { Match.ai(.medium, .right, seed: $0) })
        #expect((0.35...0.65).contains(rate), "the follower won \(rate) of games against medium")
    }

    @Test func hard_beatsABallFollower_andOftenAPerfectTracker() {
        let followerRate = Match.leftWinRate(games: 200, left: Self.follower, right: { Match.ai(.hard, .right, seed: $0) })
        #expect(followerRate <= 0.25, "the follower won \(followerRate) of games against hard")
        let trackerRate = Match.leftWinRate(
            games: 200, left: { _ in Match.tracker(.left, lag: 0) }, right: { Match.ai(.hard, .right, seed: $0) })
        #expect(trackerRate <= 0.80, "a perfect tracker won \(trackerRate) of games against hard")
        #expect(trackerRate > 0, "nobody ever beat hard")
    }

    @Test func harderLevels_beatEasierOnes() {
        #expect(
            Match.leftWinRate(games: 200, left: { Match.ai(.medium, .left, seed: $0) }, right: { Match.ai(.easy, .right, seed: $0) }) >= 0.7
        )
        #expect(
            Match.leftWinRate(games: 200, left: { Match.ai(.hard, .left, seed: $0) }, right: { Match.ai(.medium, .right, seed: $0) }) >= 0.6
        )
    }

    /// One flat ball sent to the AI from mid-court at rally speed; returns whether a ball
    /// follower on the left then misses the AI's return.
    static func followerMissesTheReturn(of difficulty: PongAI.Difficulty, seed: UInt64) -> Bool {
        var start = PongGame(seed: 1).snapshot
        start.phase = .playing
        start.ballX = 400
        start.ballY = 150 + Double(seed % 7) * 50
        start.ballVX = 10
        start.ballVY = 0
        var game = PongGame(settings: PongSettings(), seed: 1, resumingFrom: start, nextServe: .left)
        var ai = PongAI(side: .right, difficulty: difficulty, seed: seed)
        var follower = ReferencePlayer(side: .left, lag: 9)
        while !game.isOver, game.snapshot.leftScore + game.snapshot.rightScore == 0, game.snapshot.rally < 2 {
            let snapshot = game.snapshot
            game.step(left: follower.input(snapshot), right: ai.input(atTick: snapshot.tick, look: { snapshot }))
        }
        return game.snapshot.rightScore == 1
    }

    @Test func hard_aimsWhereTheFollowerCannotReach_easyReturnsItFlat() {
        let hardWinners = (0..<UInt64(40)).filter { Self.followerMissesTheReturn(of: .hard, seed: $0) }.count
        let easyWinners = (0..<UInt64(40)).filter { Self.followerMissesTheReturn(of: .easy, seed: $0) }.count
        #expect(hardWinners >= 20, "only \(hardWinners) of hard's 40 returns beat the follower")
        #expect(easyWinners <= 10, "\(easyWinners) of easy's 40 returns beat the follower")
    }
}

import Testing
@testable import PongCore

@Suite struct PongAITests {
    @Test func theAI_looksAtTheGameAtMostOncePerSecond() {
        var ai = PongAI(side: .right, difficulty: .hard, seed: 4)
        var lookTicks: [Int] = []
        let end = Match.play(seed: 4, left: Match.tracker(.left, lag: 0), right: { snapshot in
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

    @Test func easy_isBeatableByABeginner() {
        let rate = Match.leftWinRate(games: 100, left: { _ in Match.tracker(.left, lag: 15) }, right: { Match.ai(.easy, .right, seed: $0) })
        #expect(rate >= 0.75, "a beginner won only \(rate) of games against easy")
    }

    @Test func hard_isStillBeatable() {
        let rate = Match.leftWinRate(games: 100, left: { _ in Match.tracker(.left, lag: 0) }, right: { Match.ai(.hard, .right, seed: $0) })
        #expect(rate > 0, "nobody ever beat hard")
    }

    @Test func harderLevels_beatEasierOnes() {
        #expect(Match.leftWinRate(games: 100, left: { Match.ai(.medium, .left, seed: $0) }, right: { Match.ai(.easy, .right, seed: $0) }) >= 0.8)
        #expect(Match.leftWinRate(games: 100, left: { Match.ai(.hard, .left, seed: $0) }, right: { Match.ai(.medium, .right, seed: $0) }) >= 0.7)
    }
}

import PongCore
import Testing

@Suite struct MatchRulesTests {
    @Test func standardMatchIsFirstToFive() {
        #expect(MatchRules.standard.pointsToWin == 5)
    }

    @Test(arguments: [0, -1, 22, 100])
    func rejectsPointsOutsideOneToTwentyOne(points: Int) {
        #expect(MatchRules(pointsToWin: points) == nil)
    }

    @Test(arguments: [1, 11, 21])
    func acceptsPointsInRange(points: Int) throws {
        let rules = try #require(MatchRules(pointsToWin: points))
        #expect(rules.pointsToWin == points)
    }

    @Test func winnerIsDecidedExactlyAtTheTarget() {
        let rules = MatchRules(pointsToWin: 3)!
        #expect(rules.winner(left: 2, right: 2) == nil)
        #expect(rules.winner(left: 3, right: 1) == .left)
        #expect(rules.winner(left: 0, right: 3) == .right)
    }
}

import Foundation
import Testing

@testable import App

@Suite struct Glicko2Tests {
    /// Glickman's worked example: 1500/200/0.06 beats 1400/30, loses to 1550/100 and 1700/300.
    @Test func theWorkedExampleFromThePaper() {
        let player = Glicko2.Rating(rating: 1500, deviation: 200, volatility: 0.06)
        let results = [
            Glicko2.Result(opponent: .init(rating: 1400, deviation: 30, volatility: 0.06), score: 1),
            Glicko2.Result(opponent: .init(rating: 1550, deviation: 100, volatility: 0.06), score: 0),
            Glicko2.Result(opponent: .init(rating: 1700, deviation: 300, volatility: 0.06), score: 0)
        ]
        let after = Glicko2.updated(player, after: results)
        #expect(abs(after.rating - 1464.06) < 0.01, "\(after.rating)")
        #expect(abs(after.deviation - 151.52) < 0.01, "\(after.deviation)")
        #expect(abs(after.volatility - 0.05999) < 0.00001, "\(after.volatility)")
    }

    @Test func twoNewPlayers_moveByTheSameAmountInOppositeDirections() {
        let winner = Glicko2.updated(.newPlayer, after: [.init(opponent: .newPlayer, score: 1)])
        let loser = Glicko2.updated(.newPlayer, after: [.init(opponent: .newPlayer, score: 0)])
        #expect(winner.rating > 1500 && loser.rating < 1500)
        #expect(abs((winner.rating - 1500) - (1500 - loser.rating)) < 0.000001)
        #expect(winner.deviation < 350 && loser.deviation < 350)
    }
}

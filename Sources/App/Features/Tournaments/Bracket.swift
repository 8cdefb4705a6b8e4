/// The shape of a single-elimination bracket: pure arithmetic, no database.
///
/// Seeds are placed in the standard order (1 meets the last seed, and 1 and 2 can meet only in
/// the final). When the players don't fill a power of two, the missing seeds are the lowest
/// ones, so the byes go to the top seeds; a bye is not a match.
enum Bracket {
    /// The bracket's size: the smallest power of two that holds `players`.
    static func size(for players: Int) -> Int {
        var size = 2
        while size < players { size *= 2 }
        return size
    }

    static func rounds(for players: Int) -> Int {
        var rounds = 1
        while 1 << rounds < players { rounds += 1 }
        return rounds
    }

    /// Seeds top to bottom: size 8 gives 1, 8, 4, 5, 2, 7, 3, 6.
    static func seedOrder(size: Int) -> [Int] {
        var order = [1]
        while order.count < size {
            let next = order.count * 2
            order = order.flatMap { [$0, next + 1 - $0] }
        }
        return order
    }

    struct FirstRoundPair: Equatable {
        let position: Int
        let leftSeed: Int
        let rightSeed: Int
    }

    struct Bye: Equatable {
        /// Its place in round 2.
        let position: Int
        let side: BracketSide
        let seed: Int
    }

    /// Round 1's real pairs and the seeds that skip it.
    static func draw(players: Int) -> (pairs: [FirstRoundPair], byes: [Bye]) {
        let order = seedOrder(size: size(for: players))
        var pairs: [FirstRoundPair] = []
        var byes: [Bye] = []
        for position in 0..<order.count / 2 {
            let left = order[2 * position], right = order[2 * position + 1]
            if right <= players, left <= players {
                pairs.append(FirstRoundPair(position: position, leftSeed: left, rightSeed: right))
            } else {
                byes.append(Bye(position: position / 2, side: position % 2 == 0 ? .left : .right, seed: min(left, right)))
            }
        }
        return (pairs, byes)
    }

    /// Matches in each round, from the first.
    static func matchesPerRound(players: Int) -> [Int] {
        let rounds = rounds(for: players)
        return (1...rounds).map { round in round == 1 ? draw(players: players).pairs.count : size(for: players) >> round }
    }

    /// Where the winner of (round, position) plays next.
    static func next(round: Int, position: Int) -> (round: Int, position: Int, side: BracketSide) {
        (round + 1, position / 2, position % 2 == 0 ? .left : .right)
    }

    /// The place of a player knocked out in `round`: 2 in the final, 3 in the semi-finals, 5, 9…
    static func placement(losingIn round: Int, of rounds: Int) -> Int {
        (1 << (rounds - round)) + 1
    }

    /// "Final", "Semi-final", "Quarter-final", then "Round 2"…
    static func roundName(_ round: Int, of rounds: Int) -> String {
        switch rounds - round {
        case 0: "Final"
        case 1: "Semi-final"
        case 2: "Quarter-final"
        default: "Round \(round)"
        }
    }
}

enum BracketSide: String, Codable, Sendable { case left, right }

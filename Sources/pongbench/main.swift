import Foundation
import PongCore

// `make bench`: how fast the engine runs on one core, and how the AI levels
// fare against each other and against reference players that see every frame.

typealias Controller = (PongSnapshot) -> PaddleInput

func controller(_ name: String, side: Side, seed: UInt64) -> Controller {
    switch name {
    case "perfect":
        var player = ReferencePlayer(side: side, lag: 0)
        return { player.input($0) }
    case "beginner":
        var player = ReferencePlayer(side: side, lag: 15)
        return { player.input($0) }
    default:
        var ai = PongAI(side: side, difficulty: PongAI.Difficulty(rawValue: name)!, seed: seed)
        return { snapshot in ai.input(atTick: snapshot.tick, look: { snapshot }) }
    }
}

/// Plays one game; returns the winner and the ticks it took.
func play(seed: UInt64, left: Controller, right: Controller) -> (Side?, Int) {
    var game = PongGame(seed: seed)
    while !game.isOver && game.snapshot.tick < Field.ticksPerSecond * 600 {
        let snapshot = game.snapshot
        game.step(left: left(snapshot), right: right(snapshot))
    }
    if case let .finished(winner) = game.snapshot.phase { return (winner, game.snapshot.tick) }
    return (nil, game.snapshot.tick)
}

let clock = ContinuousClock()

// 1. Engine throughput: two perfect trackers (cheap controllers), one thread.
var ticks = 0
var games = 0
let engineTime = clock.measure {
    while ticks < 20_000_000 {
        let (_, played) = play(seed: UInt64(games), left: controller("perfect", side: .left, seed: 0),
                               right: controller("perfect", side: .right, seed: 0))
        ticks += played
        games += 1
    }
}
let seconds = Double(engineTime.components.seconds) + Double(engineTime.components.attoseconds) * 1e-18
print("Engine: \(ticks) ticks in \(games) games between two perfect trackers (long rallies, capped at 10 game-minutes),")
print("        \(String(format: "%.2f", seconds)) s on one core")
print("        \(Int(Double(ticks) / seconds)) ticks/s = \(Int(Double(ticks) / seconds / 60)) real-time games at 60 Hz per core (controllers included)")
print("")

// 2. Win rates: the row player (left) against the column player (right).
let players = ["easy", "medium", "hard", "beginner", "perfect"]
let gamesPerPair = Int(ProcessInfo.processInfo.environment["BENCH_GAMES"] ?? "") ?? 400
print("AI: share of \(gamesPerPair) games won by the row player (left) against the column player (right)")
print("    beginner and perfect see every frame, 15 ticks late and at once; the AI looks once per second")
print("row \\ column".padding(toLength: 13, withPad: " ", startingAt: 0) + players.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
for row in players {
    var line = row.padding(toLength: 13, withPad: " ", startingAt: 0)
    for column in players {
        var wins = 0, unfinished = 0
        for seed in 0..<UInt64(gamesPerPair) {
            let (winner, _) = play(seed: seed, left: controller(row, side: .left, seed: seed &* 7 &+ 1),
                                   right: controller(column, side: .right, seed: seed &* 13 &+ 5))
            if winner == .left { wins += 1 }
            if winner == nil { unfinished += 1 }
        }
        let cell = unfinished == gamesPerPair ? "no end" : String(format: "%5.1f%%", 100 * Double(wins) / Double(gamesPerPair - unfinished))
        line += cell.padding(toLength: 10, withPad: " ", startingAt: 0)
    }
    print(line)
}
print("\(players.count * players.count * gamesPerPair) simulated games; \"no end\": neither side ever missed in 10 game-minutes")

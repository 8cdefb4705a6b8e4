import Foundation
import PongCore

// `make bench`: how fast the engine runs on one core, and how the AI levels
// fare against each other and against reference players that see every frame.

typealias Controller = (PongSnapshot) -> PaddleInput

/// 150 ms at 60 ticks per second: a person's reaction time.
let followerLag = 9

func controller(_ name: String, side: Side, seed: UInt64) -> Controller {
    switch name {
    case "perfect":
        var player = ReferencePlayer(side: side, lag: 0)
        return { player.input($0) }
    case "follower":
        var player = ReferencePlayer(side: side, lag: followerLag)
        return { player.input($0) }
    default:
        var ai = PongAI(side: side, difficulty: PongAI.Difficulty(rawValue: name)!, seed: seed)
        return { snapshot in ai.input(atTick: snapshot.tick, look: { snapshot }) }
    }
}

struct GameResult {
    var winner: Side?
    var ticks: Int
    var rallies: [Int]
}

/// Plays one game, capped at 10 game-minutes.
func play(seed: UInt64, left: Controller, right: Controller) -> GameResult {
    var game = PongGame(seed: seed)
    var rallies: [Int] = []
    while !game.isOver && game.snapshot.tick < Field.ticksPerSecond * 600 {
        let snapshot = game.snapshot
        for event in game.step(left: left(snapshot), right: right(snapshot)) {
            if case let .point(_, rally) = event { rallies.append(rally) }
        }
    }
    if case let .finished(winner) = game.snapshot.phase { return GameResult(winner: winner, ticks: game.snapshot.tick, rallies: rallies) }
    return GameResult(winner: nil, ticks: game.snapshot.tick, rallies: rallies)
}

let clock = ContinuousClock()

// 1. Engine throughput: two perfect trackers (cheap controllers), one thread.
var ticks = 0
var games = 0
var finishedGames = 0
let engineTime = clock.measure {
    while ticks < 20_000_000 {
        let result = play(
            seed: UInt64(games), left: controller("perfect", side: .left, seed: 0),
            right: controller("perfect", side: .right, seed: 0))
        ticks += result.ticks
        games += 1
        if result.winner != nil { finishedGames += 1 }
    }
}
let seconds = Double(engineTime.components.seconds) + Double(engineTime.components.attoseconds) * 1e-18
print("Engine: \(ticks) ticks in \(games) games between two perfect trackers (\(finishedGames) finished, capped at 10 game-minutes),")
print("        \(String(format: "%.2f", seconds)) s on one core")
print(
    "        \(Int(Double(ticks) / seconds)) ticks/s = \(Int(Double(ticks) / seconds / 60)) real-time games at 60 Hz per core (controllers included)"
)
print("")

// 2. Win rates: the row player (left) against the column player (right).
struct PairResult {
    var wins = 0
    var finished = 0
    var rallies: [Int] = []
    var winRate: Double { finished == 0 ? .nan : Double(wins) / Double(finished) }
    var meanRally: Double { rallies.isEmpty ? 0 : Double(rallies.reduce(0, +)) / Double(rallies.count) }
}

let players = ["easy", "medium", "hard", "follower", "perfect"]
let gamesPerPair = Int(ProcessInfo.processInfo.environment["BENCH_GAMES"] ?? "") ?? 400
var results: [String: PairResult] = [:]
print(
    "AI: share of \(gamesPerPair) games won by the row player (left) against the column player (right), and the mean rally (paddle hits per point)"
)
print("    follower and perfect see every frame, \(followerLag) ticks (150 ms) late and at once; the AI looks once per second")
print(
    "row \\ column".padding(toLength: 13, withPad: " ", startingAt: 0)
        + players.map { $0.padding(toLength: 16, withPad: " ", startingAt: 0) }.joined())
for row in players {
    var line = row.padding(toLength: 13, withPad: " ", startingAt: 0)
    for column in players {
        var pair = PairResult()
        for seed in 0..<UInt64(gamesPerPair) {
            let result = play(
                seed: seed, left: controller(row, side: .left, seed: seed &* 7 &+ 1),
                right: controller(column, side: .right, seed: seed &* 13 &+ 5))
            if result.winner == .left { pair.wins += 1 }
            if result.winner != nil { pair.finished += 1 }
            pair.rallies += result.rallies
        }
        results["\(row)-\(column)"] = pair
        let cell = pair.finished == 0 ? "no end" : String(format: "%5.1f%% r%4.1f", 100 * pair.winRate, pair.meanRally)
        line += cell.padding(toLength: 16, withPad: " ", startingAt: 0)
    }
    print(line)
}
print("\(players.count * players.count * gamesPerPair) simulated games; \"no end\": neither side ever missed in 10 game-minutes")
print("")

// 3. The targets the AI is tuned to (issue 15), each with its figure.
@MainActor func rate(_ row: String, _ column: String) -> Double { results["\(row)-\(column)"]!.winRate }
func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
let perfectPair = results["perfect-perfect"]!
let targets: [(String, String, Bool)] = [
    ("two perfect trackers finish their games", "\(perfectPair.finished)/\(gamesPerPair)", perfectPair.finished == gamesPerPair),
    ("follower beats easy ≥ 70 %", percent(rate("follower", "easy")), rate("follower", "easy") >= 0.70),
    ("follower beats medium 35–65 %", percent(rate("follower", "medium")), (0.35...0.65).contains(rate("follower", "medium"))),
    ("follower beats hard ≤ 25 %", percent(rate("follower", "hard")), rate("follower", "hard") <= 0.25),
    ("hard beats the perfect tracker ≥ 20 %", percent(rate("hard", "perfect")), rate("hard", "perfect") >= 0.20),
    (
        "easy's mean rally against the follower ≥ 3 hits", String(format: "%.1f", results["follower-easy"]!.meanRally),
        results["follower-easy"]!.meanRally >= 3
    )
]
print("Targets:")
for (name, figure, met) in targets {
    print("  \(met ? "met   " : "MISSED") \(name.padding(toLength: 50, withPad: " ", startingAt: 0)) \(figure)")
}

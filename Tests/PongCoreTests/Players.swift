import PongCore

typealias Controller = (PongSnapshot) -> PaddleInput

enum Match {
    /// Plays a whole game (at most ten minutes of game time) and returns the final snapshot.
    static func play(
        seed: UInt64, settings: PongSettings = PongSettings(),
        left: Controller, right: Controller,
        onTick: (PongSnapshot, [PongEvent]) -> Void = { _, _ in }
    ) -> PongSnapshot {
        var game = PongGame(settings: settings, seed: seed)
        while !game.isOver && game.snapshot.tick < Field.ticksPerSecond * 600 {
            let before = game.snapshot
            let events = game.step(left: left(before), right: right(before))
            onTick(game.snapshot, events)
        }
        return game.snapshot
    }

    static func ai(_ difficulty: PongAI.Difficulty, _ side: Side, seed: UInt64) -> Controller {
        var ai = PongAI(side: side, difficulty: difficulty, seed: seed)
        return { snapshot in ai.input(atTick: snapshot.tick, look: { snapshot }) }
    }

    static func tracker(_ side: Side, lag: Int) -> Controller {
        var player = ReferencePlayer(side: side, lag: lag)
        return { player.input($0) }
    }

    /// Share of `games` seeded games won by the left controller.
    static func leftWinRate(games: Int, left: (UInt64) -> Controller, right: (UInt64) -> Controller) -> Double {
        var wins = 0
        for seed in 0..<UInt64(games) {
            let end = play(seed: seed, left: left(seed &* 7 &+ 1), right: right(seed &* 13 &+ 5))
            if case .finished(.left) = end.phase { wins += 1 }
        }
        return Double(wins) / Double(games)
    }
}

import Foundation
import PongCore

/// Where a live remote game stands, as another instance needs it to go on: saved when the game
/// starts and at every point, when the ball is about to be served (nothing between two points is
/// kept: a game taken over replays the point that was being played).
struct GameCheckpoint: Codable, Sendable {
    let setup: GameSetup
    /// The court after the last point (nil at 0–0: the game starts afresh).
    let snapshot: PongSnapshot?
    let points: [PointRecord]
    let totalHits: Int
    let longestRally: Int
    let pausesUsed: [UUID: Int]
    /// The serve generator at `snapshot` and every key change so far (`InputLog.encoded`): the game
    /// goes on as it would have, and its replay stays exact. Nil in checkpoints saved before they
    /// were kept: such a game is played on but stored without a replay.
    var randomState: UInt64?
    var inputLog: Data?
}

/// Where checkpoints are kept (PostgreSQL: `PostgresGameCheckpoints`). One process keeps none: if
/// it stops, nobody is left to go on.
protocol GameCheckpoints: Sendable {
    /// Saves `checkpoint` unless one with as many points or more is already there.
    func save(_ checkpoint: GameCheckpoint) async throws
    func load(_ game: UUID) async throws -> GameCheckpoint?
    func delete(_ game: UUID) async throws
}

extension LiveGame {
    /// The game as it stands (`state`), on its loop, when a point was just scored (or before the first serve).
    func checkpoint(at state: PongSnapshot) -> GameCheckpoint {
        GameCheckpoint(
            setup: setup, snapshot: tally.points.isEmpty ? nil : state, points: tally.points, totalHits: tally.totalHits,
            longestRally: tally.longestRally, pausesUsed: pausesUsed, randomState: play.finalRandomState,
            inputLog: Data(play.log.encoded))
    }

    /// A game taken over from a checkpoint starts where it stood: the score, the serve, the tally.
    func restore(from checkpoint: GameCheckpoint) {
        if let snapshot = checkpoint.snapshot {
            // After a point the ball waits to be served towards one side; the serve after that alternates.
            var next = Side.left
            if case let .serving(towards, _) = snapshot.phase { next = towards.opponent }
            var log = checkpoint.inputLog.flatMap { InputLog(encoded: [UInt8]($0)) }
            log?.resume(after: snapshot.tick)
            play = RewindableGame(
                PongGame(
                    settings: setup.settings.engineSettings, seed: setup.seed, resumingFrom: snapshot, nextServe: next,
                    randomState: checkpoint.randomState),
                log: log ?? InputLog())
            isReplayable = log != nil && checkpoint.randomState != nil
            serverTick = snapshot.tick
        }
        tally = GameTally(points: checkpoint.points, totalHits: checkpoint.totalHits, longestRally: checkpoint.longestRally)
        pausesUsed = checkpoint.pausesUsed
        isResumed = true
    }
}

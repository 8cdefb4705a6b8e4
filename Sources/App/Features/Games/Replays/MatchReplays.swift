import Fluent
import PongCore
import Vapor

/// Replays of finished games: public like the match itself, except a game played on one keyboard
/// (its players are the host's guests), which only its host may replay.
struct MatchReplays {
    let db: any Database
    let logger: Logger

    func replay(of id: UUID, viewer: UUID?) async throws -> ReplayDTO {
        guard let match = try await Match.find(id, on: db) else { throw AppError.matchNotFound }
        guard match.status != .live else { throw AppError.gameStillLive }
        guard match.mayBeReplayed(by: viewer) else { throw AppError.replayPrivate }
        guard let stored = try await MatchReplay.find(id, on: db) else { throw AppError.noReplay }
        guard let seed = UInt64(stored.seed), let log = InputLog(encoded: [UInt8](stored.inputLog)),
            let rules = MatchRules(pointsToWin: match.pointsToWin),
            let speed = PongSettings.BallSpeed(rawValue: match.ballSpeed),
            let size = PongSettings.PaddleSize(rawValue: match.paddleSize)
        else {
            // Only the server writes logs; one it can't read is damaged, and says so in the log.
            logger.error("The stored replay of match \(id) can't be read")
            throw AppError.noReplay
        }
        let settings = PongSettings(rules: rules, ballSpeed: speed, paddleSize: size)
        return try ReplayDTO(match: match, settings: settings, stored: stored, replay: Replay(settings: settings, seed: seed, log: log))
    }
}

extension Match {
    /// A game on one keyboard is the host's and their guests': only the host replays it.
    func mayBeReplayed(by viewer: UUID?) -> Bool {
        mode != .local || (viewer != nil && $host.id == viewer)
    }
}

extension Request {
    var matchReplays: MatchReplays { MatchReplays(db: db, logger: logger) }
}

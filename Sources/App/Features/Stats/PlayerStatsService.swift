import Fluent
import Vapor

/// A player's figures, read from the row kept with each result (never recomputed per request):
/// abandoned games count as played, never as won; a forfeit is a win for one and a loss for the other.
struct PlayerStatsService {
    let db: any Database

    func record(of userID: UUID) async throws -> PlayerStatsDTO {
        let figures = try await PlayerStatsRow.query(on: db).filter(\.$user.$id == userID).first()?.figures ?? PlayerFigures()
        let rating = try await PlayerRating.query(on: db).filter(\.$user.$id == userID).first()
        return PlayerStatsDTO(figures, rating: rating)
    }
}

extension Application {
    func playerStats(on db: any Database) -> PlayerStatsService {
        PlayerStatsService(db: db)
    }
}

extension Request {
    var playerStats: PlayerStatsService { application.playerStats(on: db) }
}

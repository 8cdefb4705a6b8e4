import Fluent
import Vapor

/// `GET /api/users/{username}/stats`: a player's record so far, from their
/// finished matches (abandoned games count as played, never as won).
struct StatsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":username", "stats", use: stats)
    }

    @Sendable func stats(req: Request) async throws -> PlayerStatsDTO {
        let user = try await req.namedUser()
        return try await PlayerStatsDTO.compute(for: user.requireID(), on: req.db)
    }
}

struct PlayerStatsDTO: Content {
    let played: Int
    let won: Int
    let lost: Int
    let abandoned: Int
    /// Won ÷ finished, 0 to 1; nil before the first finished match.
    let winRate: Double?
    let pointsScored: Int
    let pointsConceded: Int
    let longestRally: Int

    static func compute(for userID: UUID, on db: any Database) async throws -> PlayerStatsDTO {
        let matches = try await Match.query(on: db)
            .filter(\.$status != .live)
            .group(.or) { $0.filter(\.$leftUser.$id == userID).filter(\.$rightUser.$id == userID) }
            .all()
        var won = 0, lost = 0, abandoned = 0, scored = 0, conceded = 0, rally = 0
        for match in matches {
            let side = match.$leftUser.id == userID ? "left" : "right"
            let (mine, theirs) = side == "left" ? (match.leftScore, match.rightScore) : (match.rightScore, match.leftScore)
            scored += mine
            conceded += theirs
            rally = max(rally, match.longestRally)
            switch (match.status, match.winner) {
            case (.finished, side): won += 1
            case (.finished, _): lost += 1
            default: abandoned += 1
            }
        }
        let finished = won + lost
        return PlayerStatsDTO(played: matches.count, won: won, lost: lost, abandoned: abandoned,
                              winRate: finished == 0 ? nil : Double(won) / Double(finished),
                              pointsScored: scored, pointsConceded: conceded, longestRally: rally)
    }
}

import Vapor

/// `GET /api/users/{username}/stats`: a player's record so far.
struct StatsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":username", "stats", use: stats)
    }

    @Sendable func stats(req: Request) async throws -> PlayerStatsDTO {
        let user = try await req.namedUser()
        return try await req.playerStats.record(of: user.requireID())
    }
}

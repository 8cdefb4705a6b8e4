import Vapor

/// A player's figures and dashboard series, head-to-head records, the site's all-time
/// figures and the leaderboard.
struct StatsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":username", "stats", use: stats)
        routes.get("users", ":username", "dashboard", use: dashboard)
        routes.get("users", ":username", "head-to-head", use: headToHead)
        routes.get("stats", use: site)
        routes.get("leaderboard", use: leaderboard)
    }

    @Sendable func stats(req: Request) async throws -> PlayerStatsDTO {
        let user = try await req.namedUser()
        return try await req.playerStats.record(of: user.requireID())
    }

    @Sendable func dashboard(req: Request) async throws -> DashboardDTO {
        let user = try await req.namedUser()
        return try await req.statsInsights.dashboard(of: user.requireID())
    }

    @Sendable func headToHead(req: Request) async throws -> HeadToHeadDTO {
        let me = try req.requireUser()
        let other = try await req.namedUser()
        guard try other.requireID() != me.requireID() else {
            throw AppError.field("username", "That's you: pick another player to compare with.", code: "same_player")
        }
        return try await req.statsInsights.headToHead(try me.requireID(), against: other)
    }

    @Sendable func site(req: Request) async throws -> SiteStatsDTO {
        try await req.statsInsights.site()
    }

    @Sendable func leaderboard(req: Request) async throws -> LeaderboardDTO {
        let (page, per) = try PageParameters.parse(req, defaultPer: 20, maximumPer: 100)
        var friendsOnly = false
        if let raw = req.query[String.self, at: "friends"] {
            guard let value = Bool(raw) else { throw AppError.field("friends", "Use true or false.") }
            friendsOnly = value
        }
        if friendsOnly, req.auth.get(User.self) == nil { throw AppError.unauthenticated }
        return try await req.statsInsights.leaderboard(page: page, per: per, friendsOnly: friendsOnly, viewer: req.auth.get(User.self)?.id)
    }
}

import Vapor

/// Match histories: `GET /api/matches` (mine, with the games I hosted for guests), `GET /api/matches/{id}`
/// with `GET /api/matches/{id}/replay`, and `GET /api/users/{username}/matches` (only the games they played).
struct MatchesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("matches", use: mine)
        routes.get("matches", ":id", use: detail)
        routes.get("matches", ":id", "replay", use: replay)
        routes.get("users", ":username", "matches", use: ofPlayer)
    }

    @Sendable func mine(req: Request) async throws -> MatchPageDTO {
        let userID = try req.requireUser().requireID()
        let (page, per) = try pageParameters(req)
        return try await req.matchHistory.page(of: userID, viewer: userID, page: page, per: per, includingHosted: true)
    }

    @Sendable func ofPlayer(req: Request) async throws -> MatchPageDTO {
        let user = try await req.namedUser()
        let (page, per) = try pageParameters(req)
        return try await req.matchHistory.page(of: user.requireID(), viewer: req.auth.get(User.self)?.id, page: page, per: per)
    }

    @Sendable func detail(req: Request) async throws -> MatchDetailDTO {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.matchNotFound }
        return try await req.matchHistory.detail(id, viewer: req.auth.get(User.self)?.id)
    }

    /// Every tick of a finished game, from its stored key changes.
    @Sendable func replay(req: Request) async throws -> ReplayDTO {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.matchNotFound }
        return try await req.matchReplays.replay(of: id, viewer: req.auth.get(User.self)?.id)
    }

    private func pageParameters(_ req: Request) throws -> (page: Int, per: Int) {
        try PageParameters.parse(req, defaultPer: MatchHistory.defaultPageSize, maximumPer: MatchHistory.maximumPageSize)
    }
}

import Vapor

/// `POST /api/games` starts a same-keyboard or vs-AI game for the signed-in
/// user; `GET /api/games` lists their games still running (to go back to one).
struct GamesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let games = routes.grouped("games")
        games.post(use: start)
        games.get(use: live)
        games.get("live", use: everyone)
    }

    /// Every live game, for anyone signed in to watch: the newest first.
    @Sendable func everyone(req: Request) async throws -> [WatchableGameDTO] {
        _ = try req.requireUser()
        return try await req.gameStarts.watchable()
    }

    @Sendable func start(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(StartGameRequest.self)
        return try await req.gameStarts.start(body, by: user, on: req.eventLoop).encodeResponse(status: .created, for: req)
    }

    @Sendable func live(req: Request) async throws -> [StartedGameDTO] {
        try await req.gameStarts.live(of: req.requireUser().requireID())
    }
}

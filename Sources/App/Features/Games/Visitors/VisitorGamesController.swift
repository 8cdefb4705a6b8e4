import PongCore
import Vapor

/// `POST /api/visitor-games`: a visitor plays the computer at once, no account needed. The game is
/// live on the server like any other (same court, same rules) but nothing of it is stored, and the
/// visitor can do nothing else: no chat, invitations, queue or watching, and they appear nowhere.
struct VisitorGamesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("visitor-games", use: start)
    }

    @Sendable func start(req: Request) async throws -> Response {
        guard req.auth.get(User.self) == nil else { throw AppError.visitorGamesAreForVisitors }
        let body = try req.decodeJSON(VisitorGameRequest.self)
        let (game, pass) = try await req.visitorGames.start(body, pass: req.visitorPass, from: req.caller, on: req.eventLoop)
        let response = try await game.encodeResponse(status: .created, for: req)
        response.cookies[VisitorPass.cookieName] = pass
        return response
    }
}

/// `POST /api/visitor-games`: only the computer's level; the rules are the standard ones.
struct VisitorGameRequest: Decodable {
    let difficulty: PongAI.Difficulty?
}

extension GamePlayer {
    /// The visitor's side of the court: no account, so no name of their own.
    static let visitor = GamePlayer(kind: .guest, name: "You")
}

extension AppError {
    static let visitorGamesAreForVisitors = AppError(
        status: .conflict, code: "signed_in", message: "You are signed in: start your games from Play, where they are kept.")
}

import PongCore
import Vapor

/// `POST /api/visitor-games`: a visitor plays the computer at once, no account needed. The game is
/// live on the server like any other (same court, same rules) but nothing of it is stored, and the
/// visitor can do nothing else: no chat, invitations, queue or watching, and they appear nowhere.
struct VisitorGamesController: RouteCollection {
    /// Starts per address: enough for an evening of short games, not for a script.
    static let startsPerAddress = RateLimiter.Rule(limit: 20, window: 600)
    /// A first taste: a short game on the standard court.
    static let pointsToWin = 5

    func boot(routes: any RoutesBuilder) throws {
        routes.post("visitor-games", use: start)
    }

    @Sendable func start(req: Request) async throws -> Response {
        guard req.auth.get(User.self) == nil else { throw AppError.visitorGamesAreForVisitors }
        let body = try req.decodeJSON(VisitorGameRequest.self)
        let address = req.clientAddress
        if let wait = await req.application.rateLimiter.attempt("visitor-games:\(address)", rule: Self.startsPerAddress) {
            throw AppError.tooManyRequests(retryAfter: wait)
        }
        let now = req.clock.now
        // The same visitor keeps their pass (so their games count together); a new one gets one.
        let pass = req.visitorPass ?? .issue(at: now)
        var settings = GameSettingsDTO.standard
        settings.pointsToWin = Self.pointsToWin
        var setup = GameSetup(
            id: UUID(), hostID: pass.visitorID, mode: .ai, left: .visitor, right: .ai(body.difficulty ?? .easy),
            settings: settings, seed: UInt64.random(in: .min ... .max), startedAt: now)
        setup.visitorAddress = address
        let game = try await req.application.games.start(setup, on: req.eventLoop, db: req.db)
        let response = try await StartedGameDTO(game.setup).encodeResponse(status: .created, for: req)
        response.cookies[VisitorPass.cookieName] = pass.cookie(
            crypto: req.application.serverCrypto,
            servesHTTPS: req.application.config.servesHTTPS)
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

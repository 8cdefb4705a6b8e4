import Fluent
import PongCore
import Vapor

/// A visitor's game against the computer: live on the server like any other (same court, same
/// rules) but never stored, started with the visitor's pass (a new one for a new visitor).
struct VisitorGames {
    /// Starts per address: enough for an evening of short games, not for a script.
    static let startsPerAddress = RateLimiter.Rule(limit: 20, window: 600)
    /// A first taste: a short game on the standard court.
    static let pointsToWin = 5

    let db: any Database
    let games: GameHub
    let limiter: RateLimiter
    let crypto: ServerCrypto
    let servesHTTPS: Bool
    let clock: AppClock

    /// The game, and the pass cookie that opens its socket.
    func start(
        _ request: VisitorGameRequest, pass existing: VisitorPass?, from caller: Caller, on eventLoop: any EventLoop
    )
        async throws -> (StartedGameDTO, HTTPCookies.Value)
    {
        if let wait = try await limiter.attempt("visitor-games:\(caller.address)", rule: Self.startsPerAddress) {
            throw AppError.tooManyRequests(retryAfter: wait)
        }
        let now = clock.now
        // The same visitor keeps their pass (so their games count together); a new one gets one.
        let pass = existing ?? .issue(at: now)
        var settings = GameSettingsDTO.standard
        settings.pointsToWin = Self.pointsToWin
        var setup = GameSetup(
            id: UUID(), hostID: pass.visitorID, mode: .ai, left: .visitor, right: .ai(request.difficulty ?? .easy),
            settings: settings, seed: UInt64.random(in: .min ... .max), startedAt: now)
        setup.visitorAddress = caller.address
        let game = try await games.start(setup, on: eventLoop, db: db)
        return (StartedGameDTO(game.setup), pass.cookie(crypto: crypto, servesHTTPS: servesHTTPS))
    }
}

extension Application {
    func visitorGames(on db: any Database) -> VisitorGames {
        VisitorGames(db: db, games: games, limiter: rateLimiter, crypto: serverCrypto, servesHTTPS: config.servesHTTPS, clock: clock)
    }
}

extension Request {
    var visitorGames: VisitorGames { application.visitorGames(on: db) }
}

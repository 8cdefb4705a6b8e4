import Fluent
import Vapor

/// Starts, finds and ends login sessions. No session exists until a login
/// succeeds, so anonymous traffic never writes a row.
struct SessionService: Sendable {
    static let cookieName = "transcendence_session"
    /// last_seen_at is refreshed at most this often, to keep reads cheap.
    static let lastSeenGranularity: TimeInterval = 60

    let db: any Database
    let config: AppConfig
    /// Hears `SessionsEnded`, so the sockets opened with the ended sessions close at once, on every instance.
    let events: EventBus
    let clock: AppClock

    /// A fresh token on every login (no fixation), returned as a cookie.
    func start(for user: User, from caller: Caller) async throws -> HTTPCookies.Value {
        let token = SessionToken.generate()
        let now = clock.now
        // Every way in (a login's second step, a sign-up, a reset) ends here: a suspended account gets no session.
        try await Suspensions.refuseWhileSuspended(user, at: now, on: db)
        let expiry = now.addingTimeInterval(config.sessionAbsoluteTimeout)
        let session = UserSession(
            userID: try user.requireID(), tokenHash: SessionToken.hash(token),
            userAgent: caller.userAgent, ipAddress: caller.address, now: now, expiresAt: expiry)
        try await session.create(on: db)
        return cookie(token: token, expires: expiry)
    }

    /// The live session a cookie token belongs to; expired rows are deleted on sight.
    func find(token: String) async throws -> (UserSession, User)? {
        guard
            let session = try await UserSession.query(on: db)
                .filter(\.$tokenHash == SessionToken.hash(token))
                .with(\.$user)
                .first()
        else { return nil }
        let now = clock.now
        if session.expiresAt <= now || session.lastSeenAt.addingTimeInterval(config.sessionIdleTimeout) <= now {
            try await end(session)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) >= Self.lastSeenGranularity {
            session.lastSeenAt = now
            try await session.update(on: db)
        }
        return (session, session.user)
    }

    /// Ends one session: its row goes, and so do the sockets opened with it.
    func end(_ session: UserSession) async throws {
        try await session.delete(on: db)
        if let id = session.id { await events.publish(SessionsEnded(sessions: [id])) }
    }

    /// Ends every session of a user except `keeping` (nil ends them all), sockets included.
    func endAll(of userID: UUID, keeping: UUID?) async throws {
        var query = UserSession.query(on: db).filter(\.$user.$id == userID)
        if let keeping {
            query = query.filter(\.$id != keeping)
        }
        let ids = try await query.all(\.$id)
        guard !ids.isEmpty else { return }
        try await UserSession.query(on: db).filter(\.$id ~~ ids).delete()
        await events.publish(SessionsEnded(sessions: ids))
    }

    /// A user's sessions, most recently used first.
    func list(of userID: UUID, current: UUID?) async throws -> [SessionDTO] {
        let rows = try await UserSession.query(on: db).filter(\.$user.$id == userID).sort(\.$lastSeenAt, .descending).all()
        return try rows.map { row in
            SessionDTO(
                id: try row.requireID(), userAgent: row.userAgent, ipAddress: row.ipAddress,
                createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, current: row.id == current)
        }
    }

    /// One of the user's sessions; another user's id answers 404 exactly like an unknown one.
    func session(_ id: UUID, of userID: UUID) async throws -> UserSession {
        guard let session = try await UserSession.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID).first() else {
            throw AppError.sessionNotFound
        }
        return session
    }

    func cookie(token: String, expires: Date) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token, expires: expires, maxAge: nil, domain: nil, path: "/",
            isSecure: config.servesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }

    func expiredCookie() -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
            isSecure: config.servesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Application {
    /// Sessions and their cookies; ending one closes its sockets through the registry.
    func sessions(on db: any Database) -> SessionService {
        SessionService(db: db, config: config, events: events, clock: clock)
    }
}

extension Request {
    var sessions: SessionService { application.sessions(on: db) }
}

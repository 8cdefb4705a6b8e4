import Fluent
import Vapor

/// Logging in and out: the password (throttled, the same work for an unknown account), then the
/// second step, which alone creates the session.
struct LoginService {
    let db: any Database
    let parts: AccountParts
    let secondFactor: SecondFactorService
    let sessions: SessionService

    /// A right password answers with a challenge for the second step. Unknown accounts and wrong
    /// passwords get the same answer, after the same bcrypt work, so logins reveal nothing.
    func logIn(login: String, password: String, from caller: Caller) async throws -> SecondFactorRequiredDTO {
        let user = try await User.withLogin(login, on: db)
        // Counted before the slow hash, so a burst of concurrent guesses can't all pass the check.
        let reservation = try await parts.reservePasswordCheck(account: user, typed: login, address: caller.address)
        let passwordMatches = try await parts.verifyPassword(password, of: user, reservation: reservation)
        guard let user, passwordMatches else { throw AppError.invalidCredentials }
        try await parts.passwordAccepted(reservation, account: user)
        // Only the account's owner (the password was right) learns that it is suspended, and why.
        try await Suspensions.refuseWhileSuspended(user, at: sessions.clock.now, on: db)
        return try await secondFactor.begin(for: user, from: caller)
    }

    /// Only a right code (or recovery code) creates the session.
    func verify(challenge: String, code: String, from caller: Caller) async throws -> (LoginResponse, HTTPCookies.Value) {
        let user = try await secondFactor.verify(token: challenge, code: code, from: caller)
        let cookie = try await sessions.start(for: user, from: caller)
        return (LoginResponse(status: "ok", user: try await MeDTO.current(user, at: sessions.clock.now, on: db)), cookie)
    }

    func resend(challenge: String, from caller: Caller) async throws -> SecondFactorRequiredDTO {
        try await secondFactor.resend(token: challenge, from: caller)
    }

    /// Ends the session, if any; the answer carries the cookie that clears it.
    func logOut(_ session: UserSession?) async throws -> HTTPCookies.Value {
        if let session { try await sessions.end(session) }
        return sessions.expiredCookie()
    }
}

extension Application {
    func logins(on db: any Database) -> LoginService {
        LoginService(db: db, parts: accountParts, secondFactor: secondFactor(on: db), sessions: sessions(on: db))
    }
}

extension Request {
    var logins: LoginService { application.logins(on: db) }
}

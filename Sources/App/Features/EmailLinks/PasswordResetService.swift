import Fluent
import Vapor

/// The forgotten password: the same answer whether or not the account exists, throttled by the
/// address typed; the reset neither logs in nor skips the second factor, and ends every session.
struct PasswordResetService {
    static let requestsPerAddress = RateLimiter.Rule(limit: 10, window: 600)
    static let requestsPerEmail = RateLimiter.Rule(limit: 3, window: 600)
    static let failedResetsPerAddress = RateLimiter.Rule(limit: 20, window: 600)

    let db: any Database
    let parts: AccountParts
    let links: EmailLinkService
    let sessions: SessionService
    let limiter: RateLimiter
    let mailer: Mailer
    let logger: Logger

    func forgot(email rawEmail: String, from caller: Caller) async throws -> StatusDTO {
        let email = AccountRules.normalisedEmail(rawEmail).lowercased()
        if let problem = AccountRules.emailProblem(email) { throw AppError.field("email", problem) }
        // Throttled by the address typed, known or not, so the 429 reveals nothing either.
        try await limiter.ensureAllowed([
            ("forgot:address:\(caller.address)", Self.requestsPerAddress), ("forgot:email:\(email)", Self.requestsPerEmail)
        ])
        try await limiter.record("forgot:address:\(caller.address)", rule: Self.requestsPerAddress)
        try await limiter.record("forgot:email:\(email)", rule: Self.requestsPerEmail)
        if let user = try await User.withEmail(email, on: db) {
            let link = try await links.create(.passwordReset, for: user, email: user.email, path: "/reset-password")
            mailer.sendInBackground(SecurityEmails.passwordReset(link: link, for: user), logger: logger)
        }
        return StatusDTO(status: "check_your_email")
    }

    func reset(token: String, password: String, from caller: Caller) async throws -> StatusDTO {
        let addressKey = "reset:address:\(caller.address)"
        try await limiter.ensureAllowed([(addressKey, Self.failedResetsPerAddress)])
        // Check the password before spending the token, so a weak password doesn't burn the link.
        guard let row = try await links.peek(token, purpose: .passwordReset) else {
            try await limiter.record(addressKey, rule: Self.failedResetsPerAddress)
            throw AppError.invalidLink
        }
        if let problem = parts.policy.problem(with: password, username: row.user.username, email: row.user.email) {
            throw AppError.field("password", problem)
        }
        let (_, user) = try await links.redeem(token, purpose: .passwordReset)
        user.passwordHash = try await parts.hasher.hash(password)
        try await user.update(on: db)
        try await sessions.endAll(of: user.requireID(), keeping: nil)
        mailer.sendInBackground(SecurityEmails.passwordChanged(for: user), logger: logger)
        return StatusDTO(status: "password_reset")
    }
}

extension Application {
    func passwordResets(on db: any Database) -> PasswordResetService {
        PasswordResetService(
            db: db, parts: accountParts, links: emailLinks(on: db), sessions: sessions(on: db), limiter: rateLimiter,
            mailer: mailer, logger: logger)
    }
}

extension Request {
    var passwordResets: PasswordResetService { application.passwordResets(on: db) }
}

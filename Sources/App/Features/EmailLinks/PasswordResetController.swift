import Fluent
import Vapor

struct ForgotPasswordRequest: Decodable {
    let email: String
}

struct ResetPasswordRequest: Decodable {
    let token: String
    let password: String
}

struct StatusDTO: Content {
    let status: String
}

/// Forgotten password under `/api/auth/password`: the same answer whether or
/// not the account exists; the reset neither logs in nor skips the second factor.
struct PasswordResetController: RouteCollection {
    static let requestsPerAddress = RateLimiter.Rule(limit: 10, window: 600)
    static let requestsPerEmail = RateLimiter.Rule(limit: 3, window: 600)
    static let failedResetsPerAddress = RateLimiter.Rule(limit: 20, window: 600)

    func boot(routes: any RoutesBuilder) throws {
        let password = routes.grouped("auth", "password")
        password.post("forgot", use: forgot)
        password.post("reset", use: reset)
    }

    @Sendable func forgot(req: Request) async throws -> Response {
        let body = try req.decodeJSON(ForgotPasswordRequest.self)
        let email = AccountRules.normalisedEmail(body.email).lowercased()
        if let problem = AccountRules.emailProblem(email) { throw AppError.field("email", problem) }
        let limiter = req.application.rateLimiter
        // Throttled by the address typed, known or not, so the 429 reveals nothing either.
        try await limiter.ensureAllowed([
            ("forgot:address:\(req.clientAddress)", Self.requestsPerAddress), ("forgot:email:\(email)", Self.requestsPerEmail)
        ])
        await limiter.record("forgot:address:\(req.clientAddress)", rule: Self.requestsPerAddress)
        await limiter.record("forgot:email:\(email)", rule: Self.requestsPerEmail)

        if let user = try await User.withEmail(email, on: req.db) {
            let link = try await req.emailLinks.create(.passwordReset, for: user, email: user.email, path: "/reset-password", on: req.db)
            req.sendInBackground(SecurityEmails.passwordReset(link: link, for: user))
        }
        return try await StatusDTO(status: "check_your_email").encodeResponse(status: .accepted, for: req)
    }

    @Sendable func reset(req: Request) async throws -> StatusDTO {
        let body = try req.decodeJSON(ResetPasswordRequest.self)
        let services = req.application.accounts
        let addressKey = "reset:address:\(req.clientAddress)"
        try await req.application.rateLimiter.ensureAllowed([(addressKey, Self.failedResetsPerAddress)])
        // Check the password before spending the token, so a weak password doesn't burn the link.
        guard let row = try await req.emailLinks.peek(body.token, purpose: .passwordReset, on: req.db) else {
            await req.application.rateLimiter.record(addressKey, rule: Self.failedResetsPerAddress)
            throw AppError.invalidLink
        }
        if let problem = services.policy.problem(with: body.password, username: row.user.username, email: row.user.email) {
            throw AppError.field("password", problem)
        }
        let (_, user) = try await req.emailLinks.redeem(body.token, purpose: .passwordReset, on: req.db)
        user.passwordHash = try await services.hasher.hash(body.password)
        try await user.update(on: req.db)
        try await req.sessions.endAll(of: user.requireID(), keeping: nil, on: req.db)
        req.sendInBackground(SecurityEmails.passwordChanged(for: user))
        return StatusDTO(status: "password_reset")
    }
}

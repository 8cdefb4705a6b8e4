import Fluent
import Vapor

/// Signup, login and logout under `/api/auth`.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let auth = routes.grouped("auth")
        auth.post("signup", use: signup)
        auth.post("signup", "confirm", use: confirmSignup)
        auth.post("login", use: login)
        auth.post("logout", use: logout)
        auth.get("status", use: status)
    }

    /// Lets the page ask "am I logged in?" without a 401 (which browsers log as an error).
    @Sendable func status(req: Request) async throws -> AuthStatusDTO {
        guard let user = req.auth.get(User.self) else { return AuthStatusDTO(authenticated: false, user: nil) }
        return AuthStatusDTO(authenticated: true, user: try MeDTO(user))
    }

    /// The form: 202 "check your inbox" for every valid address, whether or not it has an account
    /// (SignupService). Usernames are public, so a taken one is still said at once.
    @Sendable func signup(req: Request) async throws -> Response {
        let body = try req.decodeJSON(SignupRequest.self)
        let services = req.application.accounts
        // Every attempt counts, failed ones included.
        _ = try await req.application.rateLimiter.reserve([
            ("signup:address:\(req.clientAddress)", AccountServices.Throttle.signupsPerAddress(req.application.config.signupsPerAddress))
        ])
        let username = AccountRules.normalisedUsername(body.username)
        let email = AccountRules.normalisedEmail(body.email)
        var fields: [String: String] = [:]
        fields["username"] = AccountRules.usernameProblem(username)
        fields["email"] = AccountRules.emailProblem(email)
        fields["password"] = services.policy.problem(with: body.password, username: username, email: email)
        guard fields.isEmpty else { throw AppError.validation(fields) }

        try await UniqueAccountFields.ensureAvailable(username: username, email: nil, excluding: nil, on: req.db)
        let pending = try await req.signups.begin(username: username, email: email, password: body.password, on: req)
        return try await pending.encodeResponse(status: .accepted, for: req)
    }

    /// The emailed code: the account exists from here, signed in.
    @Sendable func confirmSignup(req: Request) async throws -> Response {
        let body = try req.decodeJSON(SignupConfirmRequest.self)
        guard !body.code.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.field("code", "Enter the code.") }
        let user = try await req.signups.confirm(token: body.challenge, code: body.code, on: req)
        let response = try await MeDTO(user).encodeResponse(status: .created, for: req)
        response.cookies[SessionService.cookieName] = try await req.sessions.start(for: user, on: req)
        return response
    }

    /// A right password answers `second_factor_required` with a challenge for `/api/auth/2fa`.
    /// Unknown accounts and wrong passwords get the same answer, after the same
    /// amount of bcrypt work, so logins reveal nothing about who has an account.
    @Sendable func login(req: Request) async throws -> Response {
        let body = try req.decodeJSON(LoginRequest.self)
        let login = body.login.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var fields: [String: String] = [:]
        if login.isEmpty { fields["login"] = "Enter your username or email." }
        if body.password.isEmpty { fields["password"] = "Enter your password." }
        guard fields.isEmpty else { throw AppError.validation(fields) }

        let services = req.application.accounts
        let user = try await User.withLogin(login, on: req.db)
        // Counted before the slow hash, so a burst of concurrent guesses can't all pass the check.
        let reservation = try await services.reservePasswordCheck(account: user, typed: login, address: req.clientAddress)
        let passwordMatches = try await services.verifyPassword(body.password, of: user, reservation: reservation)
        guard let user, passwordMatches else {
            throw AppError.invalidCredentials
        }
        try await services.passwordAccepted(reservation, account: user)
        // The password is only the first step: the session comes with the second factor.
        return try await services.secondFactor.begin(for: user, on: req).encodeResponse(for: req)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let session = req.auth.get(UserSession.self) {
            try await req.sessions.end(session, on: req.db)
        }
        let response = Response(status: .noContent)
        response.cookies[SessionService.cookieName] = req.sessions.expiredCookie()
        return response
    }
}

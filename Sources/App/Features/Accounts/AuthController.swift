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
        return AuthStatusDTO(authenticated: true, user: try await MeDTO.current(user, at: req.application.clock.now, on: req.db))
    }

    /// The form: 202 "check your inbox" for every valid address, whether or not it has an account.
    @Sendable func signup(req: Request) async throws -> Response {
        let body = try req.decodeJSON(SignupRequest.self)
        return try await req.signups.begin(body, from: req.caller).encodeResponse(status: .accepted, for: req)
    }

    /// The emailed code: the account exists from here, signed in.
    @Sendable func confirmSignup(req: Request) async throws -> Response {
        let body = try req.decodeJSON(SignupConfirmRequest.self)
        guard !body.code.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.field("code", "Enter the code.") }
        let (me, cookie) = try await req.signups.confirm(token: body.challenge, code: body.code, from: req.caller)
        let response = try await me.encodeResponse(status: .created, for: req)
        response.cookies[SessionService.cookieName] = cookie
        return response
    }

    /// A right password answers `second_factor_required` with a challenge for `/api/auth/2fa`.
    @Sendable func login(req: Request) async throws -> SecondFactorRequiredDTO {
        let body = try req.decodeJSON(LoginRequest.self)
        let login = body.login.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var fields: [String: String] = [:]
        if login.isEmpty { fields["login"] = "Enter your username or email." }
        if body.password.isEmpty { fields["password"] = "Enter your password." }
        guard fields.isEmpty else { throw AppError.validation(fields) }
        return try await req.logins.logIn(login: login, password: body.password, from: req.caller)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        let response = Response(status: .noContent)
        response.cookies[SessionService.cookieName] = try await req.logins.logOut(req.auth.get(UserSession.self))
        return response
    }
}

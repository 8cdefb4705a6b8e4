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

/// Forgotten password under `/api/auth/password` (`PasswordResetService`).
struct PasswordResetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let password = routes.grouped("auth", "password")
        password.post("forgot", use: forgot)
        password.post("reset", use: reset)
    }

    @Sendable func forgot(req: Request) async throws -> Response {
        let body = try req.decodeJSON(ForgotPasswordRequest.self)
        return try await req.passwordResets.forgot(email: body.email, from: req.caller).encodeResponse(status: .accepted, for: req)
    }

    @Sendable func reset(req: Request) async throws -> StatusDTO {
        let body = try req.decodeJSON(ResetPasswordRequest.self)
        return try await req.passwordResets.reset(token: body.token, password: body.password, from: req.caller)
    }
}

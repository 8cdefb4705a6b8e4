import Vapor

/// The second step of login under `/api/auth/2fa`.
struct TwoFactorLoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let twoFactor = routes.grouped("auth", "2fa")
        twoFactor.post(use: verify)
        twoFactor.post("resend", use: resend)
    }

    /// Only a right code (or recovery code) creates the session.
    @Sendable func verify(req: Request) async throws -> Response {
        let body = try req.decodeJSON(SecondFactorRequest.self)
        guard !body.code.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError.field("code", "Enter the code.")
        }
        let user = try await req.application.accounts.secondFactor.verify(token: body.challenge, code: body.code, on: req)
        let response = try await LoginResponse(status: "ok", user: MeDTO(user)).encodeResponse(for: req)
        response.cookies[SessionService.cookieName] = try await req.sessions.start(for: user, on: req)
        return response
    }

    @Sendable func resend(req: Request) async throws -> SecondFactorRequiredDTO {
        let body = try req.decodeJSON(ChallengeRequest.self)
        return try await req.application.accounts.secondFactor.resend(token: body.challenge, on: req)
    }
}

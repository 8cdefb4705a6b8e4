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
        let (answer, cookie) = try await req.logins.verify(challenge: body.challenge, code: body.code, from: req.caller)
        let response = try await answer.encodeResponse(for: req)
        response.cookies[SessionService.cookieName] = cookie
        return response
    }

    @Sendable func resend(req: Request) async throws -> SecondFactorRequiredDTO {
        let body = try req.decodeJSON(ChallengeRequest.self)
        return try await req.logins.resend(challenge: body.challenge, from: req.caller)
    }
}

import Fluent
import Vapor

struct TokenRequest: Decodable {
    let token: String
}

/// Confirming that an address belongs to the account: at signup, and before
/// a changed address replaces the old one.
struct EmailConfirmationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "email", "confirm", use: confirm)
        routes.post("me", "email", "resend-confirmation", use: resend)
    }

    /// Works from any browser: the link itself is the proof.
    @Sendable func confirm(req: Request) async throws -> MeDTO {
        let body = try req.decodeJSON(TokenRequest.self)
        return try await req.emailConfirmations.confirm(token: body.token)
    }

    @Sendable func resend(req: Request) async throws -> StatusDTO {
        try await req.emailConfirmations.resend(for: req.requireUser())
    }
}

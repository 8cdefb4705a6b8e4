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
        let (token, user) = try await req.emailLinks.redeem(body.token, purpose: .confirmEmail, on: req.db)
        if token.email == user.pendingEmail {
            let previous = user.email
            try await UniqueAccountFields.ensureAvailable(username: nil, email: token.email, excluding: user.id, on: req.db)
            user.setEmail(token.email)
            user.pendingEmail = nil
            user.emailConfirmedAt = req.clock.now
            try await UniqueAccountFields.save(user, username: nil, email: token.email, on: req.db)
            req.sendInBackground(SecurityEmails.emailChanged(for: user, previousAddress: previous))
        } else if token.email == user.email {
            user.emailConfirmedAt = req.clock.now
            try await user.update(on: req.db)
        } else {
            throw AppError.linkForOldAddress
        }
        return try MeDTO(user)
    }

    @Sendable func resend(req: Request) async throws -> StatusDTO {
        let user = try req.requireUser()
        guard let address = user.pendingEmail ?? (user.emailConfirmedAt == nil ? user.email : nil) else {
            throw AppError.alreadyConfirmed
        }
        try await req.emailConfirmations.reserve(to: address, for: user)
        try await req.emailConfirmations.send(to: address, for: user, waitForDelivery: true)
        return StatusDTO(status: "sent")
    }
}

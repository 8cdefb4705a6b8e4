import Fluent
import Vapor

struct TokenRequest: Decodable {
    let token: String
}

/// Confirming that an address belongs to the account: at signup, and before
/// a changed address replaces the old one.
struct EmailConfirmationController: RouteCollection {
    /// Confirmation emails a signed-in account may have sent (address changes and resends together).
    static let confirmationsPerAccount = RateLimiter.Rule(limit: 5, window: 3_600)
    /// Confirmation emails any one address may receive, whichever accounts ask: a stranger's inbox is not a target.
    static let confirmationsPerAddress = RateLimiter.Rule(limit: 3, window: 3_600)

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
            user.emailConfirmedAt = Date()
            try await UniqueAccountFields.save(user, username: nil, email: token.email, on: req.db)
            req.sendInBackground(SecurityEmails.emailChanged(for: user, previousAddress: previous))
        } else if token.email == user.email {
            user.emailConfirmedAt = Date()
            try await user.update(on: req.db)
        } else {
            throw AppError(status: .badRequest, code: "invalid_token", message: "This link is for an address no longer on the account.")
        }
        return try MeDTO(user)
    }

    @Sendable func resend(req: Request) async throws -> StatusDTO {
        let user = try req.requireUser()
        guard let address = user.pendingEmail ?? (user.emailConfirmedAt == nil ? user.email : nil) else {
            throw AppError(status: .conflict, code: "already_confirmed", message: "Your email address is already confirmed.")
        }
        try await Self.reserveConfirmation(to: address, for: user, on: req)
        try await Self.sendConfirmation(to: address, for: user, on: req, waitForDelivery: true)
        return StatusDTO(status: "sent")
    }

    /// Counts one confirmation email against the account's and the address's limits (429 when
    /// either is spent). Called before anything is saved, so a refused change changes nothing.
    static func reserveConfirmation(to address: String, for user: User, on req: Request) async throws {
        _ = try await req.application.accounts.limiter.reserve([
            ("confirm:user:\(try user.requireID())", confirmationsPerAccount),
            ("confirm:address:\(address.lowercased())", confirmationsPerAddress),
        ])
    }

    /// Sign-up sends in the background; an explicit resend waits, so a failure can be reported.
    static func sendConfirmation(to address: String, for user: User, on req: Request, waitForDelivery: Bool) async throws {
        let link = try await req.emailLinks.create(.confirmEmail, for: user, email: address, path: "/confirm-email", on: req.db)
        let email = SecurityEmails.confirmEmail(link: link, address: address, for: user)
        if waitForDelivery {
            do {
                try await req.application.accounts.mailer.send(email, logger: req.logger)
            } catch {
                throw AppError.emailNotSent
            }
        } else {
            req.sendInBackground(email)
        }
    }
}

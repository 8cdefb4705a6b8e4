import Vapor

/// Emails that confirm an address belongs to an account: at signup, after an address change,
/// and on request. Limited per account and per target address, so no inbox can be flooded.
struct EmailConfirmations: Sendable {
    /// Confirmation emails a signed-in account may have sent (address changes and resends together).
    static let confirmationsPerAccount = RateLimiter.Rule(limit: 5, window: 3_600)
    /// Confirmation emails any one address may receive, whichever accounts ask: a stranger's inbox is not a target.
    static let confirmationsPerAddress = RateLimiter.Rule(limit: 3, window: 3_600)

    let req: Request

    /// Counts one confirmation email against the account's and the address's limits (429 when
    /// either is spent). Called before anything is saved, so a refused change changes nothing.
    func reserve(to address: String, for user: User) async throws {
        _ = try await req.application.rateLimiter.reserve([
            ("confirm:user:\(try user.requireID())", Self.confirmationsPerAccount),
            ("confirm:address:\(address.lowercased())", Self.confirmationsPerAddress)
        ])
    }

    /// Sign-up sends in the background; an explicit resend waits, so a failure can be reported.
    func send(to address: String, for user: User, waitForDelivery: Bool) async throws {
        let link = try await req.emailLinks.create(.confirmEmail, for: user, email: address, path: "/confirm-email", on: req.db)
        let email = SecurityEmails.confirmEmail(link: link, address: address, for: user)
        if waitForDelivery {
            do {
                try await req.application.mailer.send(email, logger: req.logger)
            } catch {
                throw AppError.emailNotSent
            }
        } else {
            req.sendInBackground(email)
        }
    }
}

extension Request {
    var emailConfirmations: EmailConfirmations { EmailConfirmations(req: self) }
}

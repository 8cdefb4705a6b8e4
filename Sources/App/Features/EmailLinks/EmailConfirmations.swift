import Fluent
import Vapor

/// Emails that confirm an address belongs to an account: at signup, after an address change,
/// and on request; and the link that confirms it. Limited per account and per target address,
/// so no inbox can be flooded.
struct EmailConfirmations: Sendable {
    /// Confirmation emails a signed-in account may have sent (address changes and resends together).
    static let confirmationsPerAccount = RateLimiter.Rule(limit: 5, window: 3_600)
    /// Confirmation emails any one address may receive, whichever accounts ask: a stranger's inbox is not a target.
    static let confirmationsPerAddress = RateLimiter.Rule(limit: 3, window: 3_600)

    let db: any Database
    let links: EmailLinkService
    let limiter: RateLimiter
    let mailer: Mailer
    let clock: AppClock
    let logger: Logger

    /// Counts one confirmation email against the account's and the address's limits (429 when
    /// either is spent). Called before anything is saved, so a refused change changes nothing.
    func reserve(to address: String, for user: User) async throws {
        _ = try await limiter.reserve([
            ("confirm:user:\(try user.requireID())", Self.confirmationsPerAccount),
            ("confirm:address:\(address.lowercased())", Self.confirmationsPerAddress)
        ])
    }

    /// Sign-up sends in the background; an explicit resend waits, so a failure can be reported.
    func send(to address: String, for user: User, waitForDelivery: Bool) async throws {
        let link = try await links.create(.confirmEmail, for: user, email: address, path: "/confirm-email")
        let email = SecurityEmails.confirmEmail(link: link, address: address, for: user)
        if waitForDelivery {
            do {
                try await mailer.send(email, logger: logger)
            } catch {
                throw AppError.emailNotSent
            }
        } else {
            mailer.sendInBackground(email, logger: logger)
        }
    }

    /// Another confirmation of the address waiting (or never confirmed).
    func resend(for user: User) async throws -> StatusDTO {
        guard let address = user.pendingEmail ?? (user.emailConfirmedAt == nil ? user.email : nil) else {
            throw AppError.alreadyConfirmed
        }
        try await reserve(to: address, for: user)
        try await send(to: address, for: user, waitForDelivery: true)
        return StatusDTO(status: "sent")
    }

    /// The emailed link, from any browser (the link itself is the proof): a changed address
    /// replaces the old one, or the current one is confirmed.
    func confirm(token: String) async throws -> MeDTO {
        let (row, user) = try await links.redeem(token, purpose: .confirmEmail)
        if row.email == user.pendingEmail {
            let previous = user.email
            try await UniqueAccountFields.ensureAvailable(username: nil, email: row.email, excluding: user.id, on: db)
            user.setEmail(row.email)
            user.pendingEmail = nil
            user.emailConfirmedAt = clock.now
            try await UniqueAccountFields.save(user, username: nil, email: row.email, on: db)
            mailer.sendInBackground(SecurityEmails.emailChanged(for: user, previousAddress: previous), logger: logger)
        } else if row.email == user.email {
            user.emailConfirmedAt = clock.now
            try await user.update(on: db)
        } else {
            throw AppError.linkForOldAddress
        }
        return try MeDTO(user)
    }
}

extension Application {
    func emailConfirmations(on db: any Database) -> EmailConfirmations {
        EmailConfirmations(db: db, links: emailLinks(on: db), limiter: rateLimiter, mailer: mailer, clock: clock, logger: logger)
    }
}

extension Request {
    var emailConfirmations: EmailConfirmations { application.emailConfirmations(on: db) }
}

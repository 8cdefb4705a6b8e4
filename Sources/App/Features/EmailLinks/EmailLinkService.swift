import Fluent
import SQLKit
import Vapor

/// Creates and redeems the single-use links sent by email. Only the SHA-256 of
/// a link's 256-bit token is stored, and a new link replaces older unused ones.
struct EmailLinkService: Sendable {
    let db: any Database
    let config: AppConfig
    let clock: AppClock

    /// Returns the full URL to email.
    func create(_ purpose: EmailToken.Purpose, for user: User, email: String, path: String) async throws -> String {
        let token = SessionToken.generate()
        try await db.transaction { db in
            try await EmailToken.query(on: db)
                .filter(\.$user.$id == user.requireID()).filter(\.$purpose == purpose.rawValue).filter(\.$usedAt == nil)
                .delete()
            try await EmailToken(
                userID: user.requireID(), purpose: purpose, tokenHash: SessionToken.hash(token),
                email: email, now: clock.now
            ).create(on: db)
        }
        return "\(config.baseURL)\(path)?token=\(token)"
    }

    /// A link's row and user, without using it (to check a new password before spending the link).
    func peek(_ token: String, purpose: EmailToken.Purpose) async throws -> EmailToken? {
        try await EmailToken.query(on: db).filter(\.$tokenHash == SessionToken.hash(token))
            .filter(\.$purpose == purpose.rawValue).with(\.$user).first()
    }

    /// The live token and its user, marked used; an unknown, used or expired token is one clear error.
    func redeem(_ token: String, purpose: EmailToken.Purpose) async throws -> (EmailToken, User) {
        guard !token.isEmpty,
            let row = try await EmailToken.query(on: db)
                .filter(\.$tokenHash == SessionToken.hash(token)).filter(\.$purpose == purpose.rawValue).with(\.$user).first(),
            row.usedAt == nil, row.expiresAt > clock.now
        else {
            throw AppError.invalidLink
        }
        // Single use under races too: of two requests with one link, only the first marks it used.
        let now = clock.now
        guard try await SingleUse.mark(EmailToken.schema, id: row.requireID(), column: "used_at", at: now, on: db) else {
            throw AppError.invalidLink
        }
        row.usedAt = now
        return (row, row.user)
    }
}

extension Application {
    func emailLinks(on db: any Database) -> EmailLinkService {
        EmailLinkService(db: db, config: config, clock: clock)
    }
}

extension Request {
    var emailLinks: EmailLinkService { application.emailLinks(on: db) }
}

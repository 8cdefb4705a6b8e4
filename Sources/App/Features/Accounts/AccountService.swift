import Fluent
import Vapor

/// A signed-in player's own account: username, email and password in one change, and deleting it.
/// Email and password changes need the current password; a new password ends every other session.
struct AccountService {
    let db: any Database
    let parts: AccountParts
    let sessions: SessionService
    let emailConfirmations: EmailConfirmations
    let events: EventBus
    let mailer: Mailer
    let limiter: RateLimiter
    let logger: Logger

    func update(_ user: User, with form: UpdateMeRequest, keeping session: UUID, from caller: Caller) async throws -> MeDTO {
        let username = form.username.map(AccountRules.normalisedUsername).flatMap { $0 == user.username ? nil : $0 }
        let email = form.email.map(AccountRules.normalisedEmail).flatMap { $0 == user.email || $0 == user.pendingEmail ? nil : $0 }
        let newPassword = form.newPassword.flatMap { $0.isEmpty ? nil : $0 }

        var fields: [String: String] = [:]
        if let username { fields["username"] = AccountRules.usernameProblem(username) }
        if let email { fields["email"] = AccountRules.emailProblem(email) }
        if let newPassword {
            fields["newPassword"] = parts.policy.problem(with: newPassword, username: username ?? user.username, email: email ?? user.email)
        }
        guard fields.isEmpty else { throw AppError.validation(fields) }
        if username == nil && email == nil && newPassword == nil { return try MeDTO(user) }

        if email != nil || newPassword != nil {
            try await parts.confirmPassword(form.currentPassword, of: user, field: "currentPassword", from: caller)
        }
        try await UniqueAccountFields.ensureAvailable(username: username, email: email, excluding: user.id, on: db)
        if let email { try await emailConfirmations.reserve(to: email, for: user) }
        if let username { user.setUsername(username) }
        // A new address only counts once confirmed; the current one keeps working until then.
        if let email { user.pendingEmail = email }
        if let newPassword { user.passwordHash = try await parts.hasher.hash(newPassword) }
        try await UniqueAccountFields.save(user, username: username, email: nil, on: db)

        if newPassword != nil {
            try await sessions.endAll(of: user.requireID(), keeping: session)
            // The change is saved either way; a failed notice is logged by the mailer, not shown as a failed save.
            try? await mailer.send(SecurityEmails.passwordChanged(for: user), logger: logger)
        }
        if let email { try await emailConfirmations.send(to: email, for: user, waitForDelivery: true) }
        return try MeDTO(user)
    }

    /// The account goes, with its sessions (their sockets close) and its avatar file, and its name
    /// leaves what other players keep (`AccountErasure`). Lobbies it created close and running
    /// tournaments go on without it: it forfeits what remains. A game in play ends as its sockets
    /// close: the other player wins by forfeit after the grace, under "deleted player".
    func delete(_ user: User, password: String?, from caller: Caller) async throws -> HTTPCookies.Value {
        try await parts.confirmPassword(password, of: user, field: "password", from: caller)
        let avatar = user.avatarFile
        let userID = try user.requireID()
        // What the account holds in other features (tournament seats, lobbies) is given up while its rows exist.
        await events.publish(AccountDeleting(userID: userID))
        try await db.transaction { db in
            try await UserSession.query(on: db).filter(\.$user.$id == userID).delete()
            try await AccountErasure(user: user, db: db).run()
            try await user.delete(on: db)
        }
        // Throttle counts are keyed by the account's id or address; none should name a gone account.
        try? await limiter.forgetKeys(mentioning: [userID.uuidString, user.emailKey])
        await events.publish(SessionsEnded(allSessionsOf: userID))
        await events.publish(AccountDeleted(userID: userID))
        if let avatar { try? parts.avatars.remove(avatar) }
        return sessions.expiredCookie()
    }
}

extension Application {
    func accounts(on db: any Database) -> AccountService {
        AccountService(
            db: db, parts: accountParts, sessions: sessions(on: db), emailConfirmations: emailConfirmations(on: db),
            events: events, mailer: mailer, limiter: rateLimiter, logger: logger)
    }
}

extension Request {
    var accounts: AccountService { application.accounts(on: db) }
}

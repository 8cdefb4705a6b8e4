import Fluent
import Vapor

/// The signed-in user's own account under `/api/me`.
struct MeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("me")
        me.get(use: show)
        me.patch(use: update)
        me.delete(use: deleteAccount)
    }

    @Sendable func show(req: Request) async throws -> MeDTO {
        try MeDTO(req.requireUser())
    }

    /// Username, email and password in one form. Email and password changes
    /// need the current password; a new password ends every other session.
    @Sendable func update(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(UpdateMeRequest.self)
        let services = req.application.accounts

        let username = body.username.map(AccountRules.normalisedUsername).flatMap { $0 == user.username ? nil : $0 }
        let email = body.email.map(AccountRules.normalisedEmail).flatMap { $0 == user.email || $0 == user.pendingEmail ? nil : $0 }
        let newPassword = body.newPassword.flatMap { $0.isEmpty ? nil : $0 }

        var fields: [String: String] = [:]
        if let username { fields["username"] = AccountRules.usernameProblem(username) }
        if let email { fields["email"] = AccountRules.emailProblem(email) }
        if let newPassword {
            fields["newPassword"] = services.policy.problem(
                with: newPassword, username: username ?? user.username, email: email ?? user.email)
        }
        guard fields.isEmpty else { throw AppError.validation(fields) }
        if username == nil && email == nil && newPassword == nil {
            return try MeDTO(user)
        }

        if email != nil || newPassword != nil {
            try await services.confirmPassword(body.currentPassword, of: user, field: "currentPassword", on: req)
        }
        try await UniqueAccountFields.ensureAvailable(username: username, email: email, excluding: user.id, on: req.db)
        if let email {
            try await req.emailConfirmations.reserve(to: email, for: user)
        }
        if let username { user.setUsername(username) }
        // A new address only counts once confirmed; the current one keeps working until then.
        if let email { user.pendingEmail = email }
        if let newPassword { user.passwordHash = try await services.hasher.hash(newPassword) }
        try await UniqueAccountFields.save(user, username: username, email: nil, on: req.db)

        if newPassword != nil {
            try await req.sessions.endAll(of: user.requireID(), keeping: req.requireSession().requireID(), on: req.db)
        }
        // The change is saved either way; a failed notice is logged by the mailer, not shown as a failed save.
        if newPassword != nil {
            try? await req.application.mailer.send(SecurityEmails.passwordChanged(for: user), logger: req.logger)
        }
        if let email {
            try await req.emailConfirmations.send(to: email, for: user, waitForDelivery: true)
        }
        return try MeDTO(user)
    }

    @Sendable func deleteAccount(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordConfirmation.self)
        let services = req.application.accounts
        try await services.confirmPassword(body.password, of: user, field: "password", on: req)
        let avatar = user.avatarFile
        let userID = try user.requireID()
        // Lobbies close and running tournaments go on without them: they forfeit what remains.
        try await req.tournamentDirector.withdraw(userID)
        try await req.db.transaction { db in
            try await UserSession.query(on: db).filter(\.$user.$id == userID).delete()
            try await user.delete(on: db)
        }
        req.sessions.endings.ended(allSessionsOf: userID)
        if let avatar {
            try? await services.avatars.remove(avatar, on: req)
        }
        let response = Response(status: .noContent)
        response.cookies[SessionService.cookieName] = req.sessions.expiredCookie()
        return response
    }
}

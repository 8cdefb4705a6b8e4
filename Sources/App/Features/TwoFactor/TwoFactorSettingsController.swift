import Vapor

/// Second-factor settings under `/api/me/2fa`: authenticator enrolment and
/// removal, recovery codes. Every change needs the password and is emailed.
struct TwoFactorSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("me", "2fa")
        settings.get(use: status)
        settings.post("totp", "setup", use: setUpAuthenticator)
        settings.post("totp", "confirm", use: confirmAuthenticator)
        settings.delete("totp", use: removeAuthenticator)
        settings.post("recovery-codes", use: regenerateRecoveryCodes)
    }

    @Sendable func status(req: Request) async throws -> TwoFactorStatusDTO {
        let user = try req.requireUser()
        let services = req.application.accounts
        return TwoFactorStatusDTO(
            method: TwoFactorMethod(rawValue: user.twoFactorMethod) ?? .email,
            authenticatorEnabled: user.twoFactorMethod == TwoFactorMethod.totp.rawValue,
            recoveryCodesRemaining: try await services.secondFactor.recoveryCodes.remaining(for: user.requireID(), on: req.db),
            email: user.email, emailConfirmed: user.emailConfirmedAt != nil, pendingEmail: user.pendingEmail)
    }

    /// A fresh secret, not active until confirmed with a code from the app.
    @Sendable func setUpAuthenticator(req: Request) async throws -> AuthenticatorSetupDTO {
        try await req.authenticatorEnrolment.start(for: try req.requireUser())
    }

    @Sendable func confirmAuthenticator(req: Request) async throws -> RecoveryCodesDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(ConfirmAuthenticatorRequest.self)
        let services = req.application.accounts
        try await services.confirmPassword(body.password, of: user, field: "password", on: req)
        try await req.authenticatorEnrolment.confirm(code: body.code, for: user)
        let codes = try await services.secondFactor.recoveryCodes.regenerate(for: user.requireID(), on: req.db)
        await notify(user, "An authenticator app now protects your logins, and new recovery codes were created.", on: req)
        return RecoveryCodesDTO(recoveryCodes: codes)
    }

    @Sendable func removeAuthenticator(req: Request) async throws -> TwoFactorStatusDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordConfirmation.self)
        try await req.application.accounts.confirmPassword(body.password, of: user, field: "password", on: req)
        try await req.authenticatorEnrolment.remove(for: user)
        await notify(user, "The authenticator app was removed: login codes now come by email.", on: req)
        return try await status(req: req)
    }

    @Sendable func regenerateRecoveryCodes(req: Request) async throws -> RecoveryCodesDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordConfirmation.self)
        let services = req.application.accounts
        try await services.confirmPassword(body.password, of: user, field: "password", on: req)
        let codes = try await services.secondFactor.recoveryCodes.regenerate(for: user.requireID(), on: req.db)
        await notify(user, "New recovery codes were created; the old ones no longer work.", on: req)
        return RecoveryCodesDTO(recoveryCodes: codes)
    }

    /// The change is done either way; a failed notice is logged by the mailer.
    private func notify(_ user: User, _ change: String, on req: Request) async {
        try? await req.application.mailer.send(SecurityEmails.twoFactorChanged(for: user, change: change), logger: req.logger)
    }
}

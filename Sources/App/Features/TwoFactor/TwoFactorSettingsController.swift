import Fluent
import QRCode
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
        let user = try req.requireUser()
        guard user.twoFactorMethod != TwoFactorMethod.totp.rawValue else {
            throw AppError(status: .conflict, code: "authenticator_already_enabled",
                           message: "An authenticator app is already set up. Remove it first to set up another.")
        }
        let secret = Array(ServerCrypto.randomBytes(20))
        let crypto = req.application.serverCrypto
        try await TOTPCredential.query(on: req.db).filter(\.$user.$id == user.requireID()).delete()
        try await TOTPCredential(userID: user.requireID(), encryptedSecret: crypto.seal(Data(secret), purpose: "totp-secret"),
                                 now: req.clock.now).create(on: req.db)
        let uri = TOTPVerifier.provisioningURI(secret: secret, username: user.username)
        let qr = try QRCode(text: uri).svg(moduleSize: 5, title: "QR code for your authenticator app")
        return AuthenticatorSetupDTO(secret: Base32.encode(secret), uri: uri, qrSVG: qr)
    }

    @Sendable func confirmAuthenticator(req: Request) async throws -> RecoveryCodesDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(ConfirmAuthenticatorRequest.self)
        let services = req.application.accounts
        try await services.confirmPassword(body.password, of: user, field: "password", on: req)
        guard let pending = try await TOTPCredential.query(on: req.db)
            .filter(\.$user.$id == user.requireID()).filter(\.$confirmedAt == nil).first() else {
            throw AppError(status: .conflict, code: "no_pending_authenticator", message: "Start the setup again.")
        }
        let secret = try Array(req.application.serverCrypto.open(pending.encryptedSecret, purpose: "totp-secret"))
        let code = body.code.filter(\.isNumber)
        guard let step = TOTPVerifier.matchingStep(code: code, secret: secret, at: req.clock.now, lastUsedStep: nil) else {
            throw AppError.field("code", "That code doesn't match. Check your app's clock and try the newest code.", code: "invalid_code")
        }
        pending.confirmedAt = req.clock.now
        pending.lastUsedStep = step
        user.twoFactorMethod = TwoFactorMethod.totp.rawValue
        try await req.db.transaction { db in
            try await pending.update(on: db)
            try await user.update(on: db)
        }
        let codes = try await services.secondFactor.recoveryCodes.regenerate(for: user.requireID(), on: req.db)
        await notify(user, "An authenticator app now protects your logins, and new recovery codes were created.", on: req)
        return RecoveryCodesDTO(recoveryCodes: codes)
    }

    @Sendable func removeAuthenticator(req: Request) async throws -> TwoFactorStatusDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordConfirmation.self)
        try await req.application.accounts.confirmPassword(body.password, of: user, field: "password", on: req)
        user.twoFactorMethod = TwoFactorMethod.email.rawValue
        try await req.db.transaction { db in
            try await TOTPCredential.query(on: db).filter(\.$user.$id == user.requireID()).delete()
            try await user.update(on: db)
        }
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

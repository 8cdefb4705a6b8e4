import Fluent
import Vapor

/// A player's second-factor settings: the authenticator app (enrol, confirm, remove) and recovery
/// codes. Every change needs the password and is emailed to the account.
struct TwoFactorSettingsService {
    let db: any Database
    let parts: AccountParts
    let enrolment: AuthenticatorEnrolment
    let recoveryCodes: RecoveryCodes
    let mailer: Mailer
    let logger: Logger

    func status(of user: User) async throws -> TwoFactorStatusDTO {
        TwoFactorStatusDTO(
            method: TwoFactorMethod(rawValue: user.twoFactorMethod) ?? .email,
            authenticatorEnabled: user.twoFactorMethod == TwoFactorMethod.totp.rawValue,
            recoveryCodesRemaining: try await recoveryCodes.remaining(for: user.requireID(), on: db),
            email: user.email, emailConfirmed: user.emailConfirmedAt != nil, pendingEmail: user.pendingEmail)
    }

    /// A fresh secret, not active until confirmed with a code from the app.
    func startAuthenticator(for user: User) async throws -> AuthenticatorSetupDTO {
        try await enrolment.start(for: user)
    }

    func confirmAuthenticator(code: String, password: String?, for user: User, from caller: Caller) async throws -> RecoveryCodesDTO {
        try await parts.confirmPassword(password, of: user, field: "password", from: caller)
        try await enrolment.confirm(code: code, for: user)
        let codes = try await recoveryCodes.regenerate(for: user.requireID(), on: db)
        await notify(user, "An authenticator app now protects your logins, and new recovery codes were created.")
        return RecoveryCodesDTO(recoveryCodes: codes)
    }

    func removeAuthenticator(password: String?, for user: User, from caller: Caller) async throws -> TwoFactorStatusDTO {
        try await parts.confirmPassword(password, of: user, field: "password", from: caller)
        try await enrolment.remove(for: user)
        await notify(user, "The authenticator app was removed: login codes now come by email.")
        return try await status(of: user)
    }

    func regenerateRecoveryCodes(password: String?, for user: User, from caller: Caller) async throws -> RecoveryCodesDTO {
        try await parts.confirmPassword(password, of: user, field: "password", from: caller)
        let codes = try await recoveryCodes.regenerate(for: user.requireID(), on: db)
        await notify(user, "New recovery codes were created; the old ones no longer work.")
        return RecoveryCodesDTO(recoveryCodes: codes)
    }

    /// The change is done either way; a failed notice is logged by the mailer.
    private func notify(_ user: User, _ change: String) async {
        try? await mailer.send(SecurityEmails.twoFactorChanged(for: user, change: change), logger: logger)
    }
}

extension Application {
    func twoFactorSettings(on db: any Database) -> TwoFactorSettingsService {
        TwoFactorSettingsService(
            db: db, parts: accountParts, enrolment: authenticatorEnrolment(on: db),
            recoveryCodes: secondFactor(on: db).recoveryCodes, mailer: mailer, logger: logger)
    }
}

extension Request {
    var twoFactorSettings: TwoFactorSettingsService { application.twoFactorSettings(on: db) }
}

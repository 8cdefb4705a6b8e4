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
        try await req.twoFactorSettings.status(of: req.requireUser())
    }

    @Sendable func setUpAuthenticator(req: Request) async throws -> AuthenticatorSetupDTO {
        try await req.twoFactorSettings.startAuthenticator(for: req.requireUser())
    }

    @Sendable func confirmAuthenticator(req: Request) async throws -> RecoveryCodesDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(ConfirmAuthenticatorRequest.self)
        return try await req.twoFactorSettings.confirmAuthenticator(code: body.code, password: body.password, for: user, from: req.caller)
    }

    @Sendable func removeAuthenticator(req: Request) async throws -> TwoFactorStatusDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordConfirmation.self)
        return try await req.twoFactorSettings.removeAuthenticator(password: body.password, for: user, from: req.caller)
    }

    @Sendable func regenerateRecoveryCodes(req: Request) async throws -> RecoveryCodesDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordConfirmation.self)
        return try await req.twoFactorSettings.regenerateRecoveryCodes(password: body.password, for: user, from: req.caller)
    }
}

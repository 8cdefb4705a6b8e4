import Fluent
import Foundation
import QRCode
import Vapor

/// Setting up and removing an authenticator app. A new secret is inactive until a code
/// from the app confirms it; the secret is stored sealed with the server key.
struct AuthenticatorEnrolment {
    let db: any Database
    let crypto: ServerCrypto
    let clock: AppClock

    /// A fresh secret replacing any unconfirmed one.
    func start(for user: User) async throws -> AuthenticatorSetupDTO {
        guard user.twoFactorMethod != TwoFactorMethod.totp.rawValue else {
            throw AppError.authenticatorAlreadyEnabled
        }
        let secret = Array(ServerCrypto.randomBytes(20))
        try await TOTPCredential.query(on: db).filter(\.$user.$id == user.requireID()).delete()
        try await TOTPCredential(
            userID: user.requireID(), encryptedSecret: crypto.seal(Data(secret), purpose: "totp-secret"),
            now: clock.now
        ).create(on: db)
        let uri = TOTPVerifier.provisioningURI(secret: secret, username: user.username)
        let qr = try QRCode(text: uri).svg(moduleSize: 5, title: "QR code for your authenticator app")
        return AuthenticatorSetupDTO(secret: Base32.encode(secret), uri: uri, qrSVG: qr)
    }

    /// Turns the pending secret on when `code` comes from it; logins then ask for the app's codes.
    func confirm(code rawCode: String, for user: User) async throws {
        guard
            let pending = try await TOTPCredential.query(on: db)
                .filter(\.$user.$id == user.requireID()).filter(\.$confirmedAt == nil).first()
        else {
            throw AppError.noPendingAuthenticator
        }
        let secret = try Array(crypto.open(pending.encryptedSecret, purpose: "totp-secret"))
        let code = rawCode.filter(\.isNumber)
        guard let step = TOTPVerifier.matchingStep(code: code, secret: secret, at: clock.now, lastUsedStep: nil) else {
            throw AppError.enrolmentCodeMismatch
        }
        pending.confirmedAt = clock.now
        pending.lastUsedStep = step
        user.twoFactorMethod = TwoFactorMethod.totp.rawValue
        try await db.transaction { db in
            try await pending.update(on: db)
            try await user.update(on: db)
        }
    }

    /// Back to emailed codes.
    func remove(for user: User) async throws {
        user.twoFactorMethod = TwoFactorMethod.email.rawValue
        try await db.transaction { db in
            try await TOTPCredential.query(on: db).filter(\.$user.$id == user.requireID()).delete()
            try await user.update(on: db)
        }
    }
}

extension Application {
    func authenticatorEnrolment(on db: any Database) -> AuthenticatorEnrolment {
        AuthenticatorEnrolment(db: db, crypto: serverCrypto, clock: clock)
    }
}

extension Request {
    var authenticatorEnrolment: AuthenticatorEnrolment { application.authenticatorEnrolment(on: db) }
}

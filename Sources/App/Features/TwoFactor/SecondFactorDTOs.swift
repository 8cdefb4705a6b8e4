import Vapor

/// Login's answer when the password was right: the second step comes next.
struct SecondFactorRequiredDTO: Content {
    var status = "second_factor_required"
    let challenge: String
    let method: TwoFactorMethod
    /// Where the code went (masked), for email codes.
    let destination: String?
    let expiresAt: Date
    /// Email codes: when another may be asked for (the button counts down to it).
    var resendAvailableAt: Date?
}

struct SecondFactorRequest: Decodable {
    let challenge: String
    let code: String
}

struct ChallengeRequest: Decodable {
    let challenge: String
}

struct TwoFactorStatusDTO: Content {
    let method: TwoFactorMethod
    let authenticatorEnabled: Bool
    let recoveryCodesRemaining: Int
    let email: String
    let emailConfirmed: Bool
    let pendingEmail: String?
}

struct AuthenticatorSetupDTO: Content {
    /// Base32, for typing into an app by hand.
    let secret: String
    let uri: String
    /// The same URI as a QR code, an SVG document.
    let qrSVG: String
}

struct ConfirmAuthenticatorRequest: Decodable {
    let code: String
    let password: String
}

struct RecoveryCodesDTO: Content {
    let recoveryCodes: [String]
}

enum EmailMask {
    /// `alice@example.com` → `a•••e@example.com`.
    static func mask(_ email: String) -> String {
        let parts = email.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, let first = parts[0].first else { return "your email" }
        let last = parts[0].count > 2 ? String(parts[0].last!) : ""
        return "\(first)•••\(last)@\(parts[1])"
    }
}

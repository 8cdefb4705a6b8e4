import Crypto
import Foundation
import Vapor

/// RFC 6238: SHA-1, 6 digits, 30-second steps, one step of drift either way,
/// and each step's code accepted once.
enum TOTPVerifier {
    static let interval = 30
    static let drift: Int64 = 1

    static func step(at date: Date) -> Int64 {
        Int64(floor(date.timeIntervalSince1970 / Double(interval)))
    }

    static func code(secret: [UInt8], step: Int64) -> String {
        HOTP(key: SymmetricKey(data: secret), digest: .sha1, digits: .six).generate(counter: UInt64(step))
    }

    /// The matching step, if the code is right and newer than `lastUsedStep`.
    static func matchingStep(code: String, secret: [UInt8], at date: Date, lastUsedStep: Int64?) -> Int64? {
        let now = step(at: date)
        for candidate in (now - drift)...(now + drift) {
            guard candidate > (lastUsedStep ?? Int64.min) else { continue }
            if Self.code(secret: secret, step: candidate) == code { return candidate }
        }
        return nil
    }

    static func provisioningURI(secret: [UInt8], username: String) -> String {
        let label = "Transcendence:\(username)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? username
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=Transcendence&algorithm=SHA1&digits=6&period=\(interval)"
    }
}

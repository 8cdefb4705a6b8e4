import Fluent
import Foundation

/// The second step of one login: created when the password is right, consumed
/// when the code is, dead after 10 minutes or 5 wrong codes.
final class LoginChallenge: Model, @unchecked Sendable {
    static let schema = "login_challenges"
    static let lifetime: TimeInterval = 600
    static let maximumAttempts = 5
    static let maximumSends = 5
    static let resendInterval: TimeInterval = 30

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "method") var method: String
    /// HMAC of the emailed code, bound to this challenge; nil for authenticator logins.
    @OptionalField(key: "code_hash") var codeHash: String?
    @Field(key: "attempts") var attempts: Int
    @Field(key: "sends") var sends: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "last_sent_at") var lastSentAt: Date?
    @OptionalField(key: "consumed_at") var consumedAt: Date?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, tokenHash: String, method: TwoFactorMethod, now: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.method = method.rawValue
        self.attempts = 0
        self.sends = 0
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(Self.lifetime)
    }
}

enum TwoFactorMethod: String, Codable, Sendable {
    case email
    case totp
}

import Fluent
import Foundation

/// A sign-up waiting for the code emailed to its address. The account is created only when the code
/// comes back, so a sign-up reveals nothing about which addresses have accounts: an address that
/// already has one gets a notice instead of a code, and its challenge can never be completed.
/// Usernames are public and checked up front; a pending sign-up reserves nothing.
final class SignupChallenge: Model, @unchecked Sendable {
    static let schema = "signup_challenges"
    static let lifetime: TimeInterval = 1_800
    static let maximumAttempts = 5

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "username") var username: String
    @Field(key: "email") var email: String
    /// Lower-cased email, for the per-address clean-up.
    @Field(key: "email_key") var emailKey: String
    /// Hashed when the form was sent, so the slow step costs the same whether the address is new or not.
    @Field(key: "password_hash") var passwordHash: String
    /// HMAC of the emailed code, bound to this challenge.
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "consumed_at") var consumedAt: Date?

    init() {}

    init(id: UUID, tokenHash: String, username: String, email: String, passwordHash: String, codeHash: String, now: Date) {
        self.id = id
        self.tokenHash = tokenHash
        self.username = username
        self.email = email
        self.emailKey = email.lowercased()
        self.passwordHash = passwordHash
        self.codeHash = codeHash
        self.attempts = 0
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(Self.lifetime)
    }
}

import Fluent
import Foundation

/// A single-use link sent by email (password reset, email confirmation).
final class EmailToken: Model, @unchecked Sendable {
    static let schema = "email_tokens"

    enum Purpose: String, Sendable {
        case passwordReset = "password_reset"
        case confirmEmail = "confirm_email"

        var lifetime: TimeInterval {
            switch self {
            case .passwordReset: 30 * 60
            case .confirmEmail: 48 * 3600
            }
        }
    }

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "purpose") var purpose: String
    @Field(key: "token_hash") var tokenHash: String
    /// The address the link was sent to (the one being confirmed, for confirmations).
    @Field(key: "email") var email: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, purpose: Purpose, tokenHash: String, email: String, now: Date) {
        self.$user.id = userID
        self.purpose = purpose.rawValue
        self.tokenHash = tokenHash
        self.email = email
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(purpose.lifetime)
    }
}

import Fluent
import Foundation

/// An authenticator-app secret, encrypted with the server key. Unconfirmed
/// until the user proves their app shows the right codes.
final class TOTPCredential: Model, @unchecked Sendable {
    static let schema = "totp_credentials"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "encrypted_secret") var encryptedSecret: String
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    /// The last 30-second step whose code was accepted: a code works only once.
    @OptionalField(key: "last_used_step") var lastUsedStep: Int64?
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, encryptedSecret: String, now: Date) {
        self.$user.id = userID
        self.encryptedSecret = encryptedSecret
        self.createdAt = now
    }
}

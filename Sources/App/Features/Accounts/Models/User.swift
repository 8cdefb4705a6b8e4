import Fluent
import Foundation

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "username") var username: String
    /// Lower-cased username: uniqueness ignores case.
    @Field(key: "username_key") var usernameKey: String
    @Field(key: "email") var email: String
    /// Lower-cased email: uniqueness ignores case.
    @Field(key: "email_key") var emailKey: String
    @Field(key: "password_hash") var passwordHash: String
    /// Server-chosen file name under `data/avatars`; nil means the generated default.
    @OptionalField(key: "avatar_file") var avatarFile: String?
    /// `email` or `totp`: what the login's second step asks for.
    @Field(key: "two_factor_method") var twoFactorMethod: String
    /// Nil until the address was confirmed through the emailed link.
    @OptionalField(key: "email_confirmed_at") var emailConfirmedAt: Date?
    /// A new address waiting for confirmation; `email` keeps working until then.
    @OptionalField(key: "pending_email") var pendingEmail: String?
    /// The language of the site and of this player's emails; nil: the browser's.
    @OptionalField(key: "language") var language: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // relationships
    @Children(for: \.$user) var sessions: [UserSession]

    init() {}

    init(id: UUID? = nil, username: String, email: String, passwordHash: String) {
        self.id = id
        self.passwordHash = passwordHash
        self.twoFactorMethod = TwoFactorMethod.email.rawValue
        setUsername(username)
        setEmail(email)
    }

    func setUsername(_ username: String) {
        self.username = username
        self.usernameKey = username.lowercased()
    }

    func setEmail(_ email: String) {
        self.email = email
        self.emailKey = email.lowercased()
    }
}

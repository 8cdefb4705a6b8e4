import Fluent
import Foundation

/// A logged-in browser. Only the SHA-256 of the cookie's token is stored, so a
/// leaked database cannot be replayed as cookies.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_agent") var userAgent: String
    @Field(key: "ip_address") var ipAddress: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// The absolute limit; the idle limit is computed from `lastSeenAt`.
    @Field(key: "expires_at") var expiresAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, tokenHash: String, userAgent: String, ipAddress: String, now: Date, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.userAgent = userAgent
        self.ipAddress = ipAddress
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = expiresAt
    }
}

import Fluent
import Foundation

/// One of ten single-use codes that stand in for a lost second factor; only a keyed hash is stored.
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "recovery_codes"
    static let countPerUser = 10

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "code_hash") var codeHash: String
    @OptionalField(key: "used_at") var usedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, codeHash: String, now: Date) {
        self.$user.id = userID
        self.codeHash = codeHash
        self.createdAt = now
    }
}

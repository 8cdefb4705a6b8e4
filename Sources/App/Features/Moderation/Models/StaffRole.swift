import Fluent
import Foundation

/// A staff member: an admin or a moderator. Granted and revoked from the command line only
/// (`transcendence role`): no HTTP route writes this table.
final class StaffRole: Model, @unchecked Sendable {
    static let schema = "user_roles"

    enum Role: String, Codable, Sendable, CaseIterable {
        case admin, moderator
    }

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?

    // data fields
    @Field(key: "role") var role: Role
    @Field(key: "granted_at") var grantedAt: Date

    init() {}

    init(userID: UUID, role: Role, at now: Date) {
        id = userID
        self.role = role
        grantedAt = now
    }

    static func of(_ userID: UUID, on db: any Database) async throws -> Role? {
        try await StaffRole.find(userID, on: db)?.role
    }
}

import Fluent

struct CreateLoginChallenges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_challenges")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("method", .string, .required)
            .field("code_hash", .string)
            .field("attempts", .int, .required)
            .field("sends", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("last_sent_at", .datetime)
            .field("consumed_at", .datetime)
            .unique(on: "token_hash", name: "uq_login_challenges_token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_challenges").delete()
    }
}

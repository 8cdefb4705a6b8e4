import Fluent

/// Open challenges: a link anyone signed in may accept, once, within 30 minutes. The link's token is
/// kept only as its SHA-256 (unique), like a session's.
struct CreateChallenges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("challenges")
            .id()
            .field("token_hash", .string, .required)
            .field("creator_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("points_to_win", .int, .required)
            .field("ball_speed", .string, .required)
            .field("paddle_size", .string, .required)
            .field("rated", .bool, .required)
            .field("status", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("game_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("challenges").delete()
    }
}

import Fluent
import SQLKit

struct CreateUserSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("user_sessions")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("user_agent", .string, .required)
            .field("ip_address", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash", name: "uq_user_sessions_token_hash")
            .create()
        // Listing a user's sessions and "sign out everywhere" look rows up by user.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_user_sessions_user_id").on("user_sessions").column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_sessions").delete()
    }
}

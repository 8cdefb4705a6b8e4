import Fluent
import SQLKit

/// Friendships (a request until accepted) and blocks. A friendship row holds
/// its pair in a fixed order (`user_low` < `user_high`), and the pair is
/// unique: two crossing requests or two accepts can only ever make one row.
struct CreateFriendships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("friendships")
            .id()
            .field("user_low_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("user_high_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("requester_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .unique(on: "user_low_id", "user_high_id", name: "uq_friendships_pair")
            .create()
        try await database.schema("blocks")
            .id()
            .field("blocker_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("blocked_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "blocker_id", "blocked_id", name: "uq_blocks_pair")
            .create()
        if let sql = database as? any SQLDatabase {
            // The unique index serves lookups by user_low; this one serves the other half of "my friends".
            try await sql.create(index: "idx_friendships_high").on("friendships").column("user_high_id").run()
            try await sql.create(index: "idx_blocks_blocked").on("blocks").column("blocked_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("blocks").delete()
        try await database.schema("friendships").delete()
    }
}

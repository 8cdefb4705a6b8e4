import Fluent
import SQLKit

/// Rated games a player abandoned (one row per player and game, so a result stored twice counts
/// once), and the playbans they earned: the escalation reads both.
struct CreatePlaybans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("abandonments")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("match_id", .uuid, .required)
            .field("reason", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "user_id", "match_id")
            .create()
        try await database.schema("playbans")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("level", .int, .required)
            .field("abandonments", .int, .required)
            .field("started_at", .datetime, .required)
            .field("until", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_playbans_user").on("playbans").column("user_id").column("started_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("playbans").delete()
        try await database.schema("abandonments").delete()
    }
}

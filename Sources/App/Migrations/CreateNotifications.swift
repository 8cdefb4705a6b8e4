import Fluent
import SQLKit

/// Stored notifications. Integer ids order them and serve as the paging cursor.
struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("actor_id", .uuid, .references("users", .id, onDelete: .cascade))
            .field("data", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_notifications_user").on("notifications").column("user_id").column("id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}

import Fluent
import SQLKit

/// The quick-match queue of a cluster: one row per waiting player, whichever instance they joined
/// on (PostgreSQL only; empty on SQLite, where the queue is one actor in the process).
struct CreateQueueEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("queue_entries")
            .field("user_id", .uuid, .identifier(auto: false))
            .field("username", .string, .required)
            .field("rating", .double, .required)
            .field("joined_at", .datetime, .required)
            // The players they must never meet (blocks either way), as a JSON array of ids.
            .field("avoided", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("queue_entries").delete()
    }
}

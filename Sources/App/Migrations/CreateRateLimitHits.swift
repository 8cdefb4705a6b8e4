import Fluent
import SQLKit

/// Throttle and flood counts a cluster's instances share (PostgreSQL only; empty on SQLite, where
/// one process counts in memory). The scheduler deletes rows past their window.
struct CreateRateLimitHits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rate_limit_hits")
            .field(.id, .int, .identifier(auto: true))
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_rate_limit_hits_key").on("rate_limit_hits").column("key").column("at").run()
            try await sql.create(index: "idx_rate_limit_hits_expiry").on("rate_limit_hits").column("expires_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limit_hits").delete()
    }
}

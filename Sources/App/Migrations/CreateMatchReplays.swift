import Fluent

/// Each finished game's replay: its seed and every key change with its tick (`InputLog`), a few KB,
/// written in the transaction that stores the result. Games stored before have none.
struct CreateMatchReplays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("match_replays")
            .field("match_id", .uuid, .identifier(auto: false), .references("matches", "id", onDelete: .cascade))
            // A UInt64 as decimal text: neither database has an unsigned 64-bit integer.
            .field("seed", .string, .required)
            .field("input_log", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("match_replays").delete()
    }
}

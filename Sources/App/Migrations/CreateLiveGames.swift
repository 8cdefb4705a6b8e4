import Fluent

/// `live_games`: the directory of live games across instances (`PostgresLiveGameDirectory`).
/// Created on SQLite too, where one process lists its own games from memory and leaves it empty.
struct CreateLiveGames: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("live_games")
            .field("match_id", .uuid, .identifier(auto: false))
            .field("setup", .string, .required)
            .field("spectators", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("live_games").delete()
    }
}

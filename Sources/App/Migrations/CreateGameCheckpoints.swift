import Fluent

/// Where a live remote game stands, saved at its start and at every point (PostgreSQL only: one
/// process has nobody to hand a game to). When the instance running it dies, another takes the
/// game over from here: the score, the rules, the ratings as they stood, the pauses used.
struct CreateGameCheckpoints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("game_checkpoints")
            .field("match_id", .uuid, .identifier(auto: false))
            // Points played when it was saved: a late save never overwrites a newer one.
            .field("points", .int, .required)
            .field("body", .string, .required)
            .field("saved_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("game_checkpoints").delete()
    }
}

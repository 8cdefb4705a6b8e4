import Fluent

/// How long a match was played, by the game's own clock (pauses and the countdown excluded):
/// one figure for the end screen, the match page and statistics.
struct AddMatchDuration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("matches").field("duration_ms", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("matches").deleteField("duration_ms").update()
    }
}

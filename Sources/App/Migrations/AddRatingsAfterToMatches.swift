import Fluent

/// Each side's rating after a rated game, beside its change: the end screen and the match page show
/// "1338 → 1176 (−162)". Matches stored before this have only the change.
struct AddRatingsAfterToMatches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
        try await database.schema("matches").field("left_rating_after", .int).update()
        try await database.schema("matches").field("right_rating_after", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("matches").deleteField("right_rating_after").update()
        try await database.schema("matches").deleteField("left_rating_after").update()
    }
}

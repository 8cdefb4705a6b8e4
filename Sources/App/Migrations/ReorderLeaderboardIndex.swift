import Fluent
import SQLKit

/// The leaderboard's order (best first, ties by id), walked in the index instead of sorted per
/// request. The index first shipped as (rating, rated_games) in `CreatePlayerStatistics`; this
/// replaces it on databases made before, and on new ones right after.
struct ReorderLeaderboardIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.raw("DROP INDEX IF EXISTS idx_player_ratings_board").run()
        try await sql.raw("CREATE INDEX idx_player_ratings_board ON player_ratings (rating DESC, user_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.raw("DROP INDEX IF EXISTS idx_player_ratings_board").run()
        try await sql.create(index: "idx_player_ratings_board").on("player_ratings").column("rating").column("rated_games").run()
    }
}

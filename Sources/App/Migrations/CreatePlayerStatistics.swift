import Fluent
import SQLKit

/// Statistics kept as rows, updated with each result: one row per player, one per player and
/// day played (the activity calendar), one for the whole site; and the indexes the dashboards
/// and the leaderboard read with.
struct CreatePlayerStatistics: AsyncMigration {
    static let modeColumns = ["online", "local", "ai_easy", "ai_medium", "ai_hard"]

    func prepare(on database: any Database) async throws {
        var stats = database.schema("player_stats")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
        for column in [
            "played", "won", "lost", "abandoned", "points_scored", "points_conceded", "longest_rally",
            "current_streak", "best_streak", "tournaments_played", "tournaments_won"
        ] {
            stats = stats.field(.string(column), .int, .required, .sql(.default(0)))
        }
        for mode in Self.modeColumns {
            for figure in ["played", "won", "lost"] {
                stats = stats.field(.string("\(mode)_\(figure)"), .int, .required, .sql(.default(0)))
            }
        }
        try await stats.unique(on: "user_id").create()
        try await database.schema("player_activity")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("day", .string, .required)
            .field("games", .int, .required)
            .unique(on: "user_id", "day")
            .create()
        try await database.schema("site_stats")
            .field("id", .string, .identifier(auto: false))
            .field("matches", .int, .required)
            .field("remote_matches", .int, .required)
            .field("local_matches", .int, .required)
            .field("ai_matches", .int, .required)
            .field("points", .int, .required)
            .field("longest_rally", .int, .required)
            .field("longest_rally_match_id", .uuid)
            .field("tournaments", .int, .required)
            .create()
        // The figures of everything played before this migration.
        try await SiteStats(totals: SiteFigures()).create(on: database)
        try await StatsRebuild(db: database).run()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_matches_left_ended").on("matches").column("left_user_id").column("ended_at").run()
            try await sql.create(index: "idx_matches_right_ended").on("matches").column("right_user_id").column("ended_at").run()
            try await sql.create(index: "idx_player_ratings_board").on("player_ratings").column("rating").column("rated_games").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("site_stats").delete()
        try await database.schema("player_activity").delete()
        try await database.schema("player_stats").delete()
    }
}

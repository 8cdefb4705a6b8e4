import Fluent
import SQLKit

/// Matches and their points. Enums are stored as plain strings (no database
/// enum types) so later modes and games add values without a type migration.
struct CreateMatches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("matches")
            .id()
            .field("kind", .string, .required)
            .field("mode", .string, .required)
            .field("status", .string, .required)
            .field("points_to_win", .int, .required)
            .field("ball_speed", .string, .required)
            .field("paddle_size", .string, .required)
            .field("host_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("left_kind", .string, .required)
            .field("left_user_id", .uuid, .references("users", .id, onDelete: .setNull))
            .field("left_name", .string, .required)
            .field("left_ai_level", .string)
            .field("right_kind", .string, .required)
            .field("right_user_id", .uuid, .references("users", .id, onDelete: .setNull))
            .field("right_name", .string, .required)
            .field("right_ai_level", .string)
            .field("left_score", .int, .required)
            .field("right_score", .int, .required)
            .field("winner", .string)
            .field("longest_rally", .int, .required)
            .field("total_hits", .int, .required)
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .create()
        try await database.schema("match_points")
            .id()
            .field("match_id", .uuid, .required, .references("matches", .id, onDelete: .cascade))
            .field("number", .int, .required)
            .field("at_ms", .int, .required)
            .field("scorer", .string, .required)
            .field("rally", .int, .required)
            .field("left_score", .int, .required)
            .field("right_score", .int, .required)
            // A point is written once: storing a match twice fails here.
            .unique(on: "match_id", "number", name: "uq_match_points_match_number")
            .create()
        if let sql = database as? any SQLDatabase {
            // Histories list a player's matches newest first.
            try await sql.create(index: "idx_matches_host_started").on("matches").column("host_id").column("started_at").run()
            try await sql.create(index: "idx_matches_left_user").on("matches").column("left_user_id").run()
            try await sql.create(index: "idx_matches_right_user").on("matches").column("right_user_id").run()
            try await sql.create(index: "idx_matches_status").on("matches").column("status").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("match_points").delete()
        try await database.schema("matches").delete()
    }
}

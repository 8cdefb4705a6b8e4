import Fluent
import SQLKit

/// Tournaments: online (invited friends, remote games) and local (aliases at one keyboard),
/// their participants, and their bracket's matches, each linked to its game record.
struct CreateTournaments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tournaments")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("creator_id", .uuid, .references("users", .id, onDelete: .setNull))
            .field("creator_name", .string, .required)
            .field("capacity", .int, .required)
            .field("points_to_win", .int, .required)
            .field("ball_speed", .string, .required)
            .field("paddle_size", .string, .required)
            .field("rated", .bool, .required)
            .field("seeding", .string, .required)
            .field("rounds", .int, .required)
            .field("conversation_id", .uuid, .references("conversations", .id, onDelete: .setNull))
            .field("winner_participant_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("ended_at", .datetime)
            .create()
        try await database.schema("tournament_participants")
            .id()
            .field("tournament_id", .uuid, .required, .references("tournaments", .id, onDelete: .cascade))
            .field("user_id", .uuid, .references("users", .id, onDelete: .setNull))
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("seed", .int)
            .field("placement", .int)
            .field("withdrawn", .bool, .required, .sql(.default(false)))
            .field("invited_at", .datetime, .required)
            .field("answered_at", .datetime)
            .create()
        try await database.schema("tournament_matches")
            .id()
            .field("tournament_id", .uuid, .required, .references("tournaments", .id, onDelete: .cascade))
            .field("round", .int, .required)
            .field("position", .int, .required)
            .field("match_number", .int, .required)
            .field("status", .string, .required)
            .field("left_participant_id", .uuid, .references("tournament_participants", .id, onDelete: .setNull))
            .field("right_participant_id", .uuid, .references("tournament_participants", .id, onDelete: .setNull))
            .field("winner_participant_id", .uuid, .references("tournament_participants", .id, onDelete: .setNull))
            .field("left_ready", .bool, .required, .sql(.default(false)))
            .field("right_ready", .bool, .required, .sql(.default(false)))
            .field("left_score", .int)
            .field("right_score", .int)
            .field("longest_rally", .int)
            .field("duration_ms", .int)
            .field("end_reason", .string)
            .field("game_id", .uuid)
            .field("match_id", .uuid, .references("matches", .id, onDelete: .setNull))
            .field("called_at", .datetime)
            .field("ready_deadline", .datetime)
            .field("started_at", .datetime)
            .field("ended_at", .datetime)
            .unique(on: "tournament_id", "match_number")
            .unique(on: "tournament_id", "round", "position")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_tournament_participants_user").on("tournament_participants").column("user_id").run()
            try await sql.create(index: "idx_tournament_participants_tournament").on("tournament_participants").column("tournament_id")
                .run()
            try await sql.create(index: "idx_tournament_matches_game").on("tournament_matches").column("game_id").run()
            try await sql.create(index: "idx_tournaments_creator").on("tournaments").column("creator_id").column("created_at").run()
            // One seat per account in a tournament.
            try await sql.raw(
                "CREATE UNIQUE INDEX idx_tournament_participants_seat ON tournament_participants (tournament_id, user_id) WHERE user_id IS NOT NULL"
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tournament_matches").delete()
        try await database.schema("tournament_participants").delete()
        try await database.schema("tournaments").delete()
    }
}

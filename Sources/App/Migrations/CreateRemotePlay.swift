import Fluent
import SQLKit

/// Playing other people: ratings and their history, game invitations, and what a match
/// record needs for them (how it ended, whether it was rated, each side's rating change).
struct CreateRemotePlay: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("player_ratings")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("rating", .double, .required)
            .field("deviation", .double, .required)
            .field("volatility", .double, .required)
            .field("rated_games", .int, .required)
            .field("peak_rating", .double, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema("rating_changes")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("match_id", .uuid, .required, .references("matches", .id, onDelete: .cascade))
            .field("rating_before", .double, .required)
            .field("rating_after", .double, .required)
            .field("deviation_after", .double, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "match_id")
            .create()
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("matches").field("end_reason", .string).update()
        try await database.schema("matches").field("rated", .bool, .required, .sql(.default(false))).update()
        try await database.schema("matches").field("left_rating_delta", .int).update()
        try await database.schema("matches").field("right_rating_delta", .int).update()
        try await database.schema("game_invitations")
            .id()
            .field("inviter_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("invitee_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("pair_key", .string, .required)
            .field("status", .string, .required)
            .field("points_to_win", .int, .required)
            .field("ball_speed", .string, .required)
            .field("paddle_size", .string, .required)
            .field("rated", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("game_id", .uuid)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_rating_changes_user").on("rating_changes").column("user_id").column("created_at").run()
            try await sql.create(index: "idx_invitations_invitee").on("game_invitations").column("invitee_id").column("status").run()
            // At most one pending invitation per pair, whoever sent it: the database refuses a second one,
            // so two crossing invitations can't both be stored.
            try await sql.raw("CREATE UNIQUE INDEX idx_invitations_pending_pair ON game_invitations (pair_key) WHERE status = 'pending'")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("game_invitations").delete()
        for column in ["right_rating_delta", "left_rating_delta", "rated", "end_reason"] {
            try await database.schema("matches").deleteField(.key(.string(column))).update()
        }
        try await database.schema("rating_changes").delete()
        try await database.schema("player_ratings").delete()
    }
}

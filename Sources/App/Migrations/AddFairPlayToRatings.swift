import Fluent
import SQLKit

/// The fair-rating rules' columns: why a game between accounts was not rated (`pair_limit`,
/// `too_short`, `farmed`), and how many distinct opponents moved each rating (the leaderboard
/// leaves out a rating won from one opponent only), counted from the games already stored.
struct AddFairPlayToRatings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("matches").field("rating_note", .string).update()
        try await database.schema("player_ratings")
            .field("rated_opponents", .int, .required, .sql(.default(0)))
            .update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            UPDATE player_ratings SET rated_opponents = (
                SELECT COUNT(DISTINCT CASE WHEN m.left_user_id = player_ratings.user_id
                    THEN m.right_user_id ELSE m.left_user_id END)
                FROM matches m
                WHERE m.left_rating_delta IS NOT NULL
                  AND (m.left_user_id = player_ratings.user_id OR m.right_user_id = player_ratings.user_id))
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("player_ratings").deleteField("rated_opponents").update()
        try await database.schema("matches").deleteField("rating_note").update()
    }
}

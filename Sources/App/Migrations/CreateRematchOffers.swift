import Fluent

/// A finished remote game's rematch: at most one row per match (its primary key), so two crossing
/// offers meet on the same row and make one game.
struct CreateRematchOffers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rematch_offers")
            .field("match_id", .uuid, .identifier(auto: false), .references("matches", "id", onDelete: .cascade))
            .field("from_user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("to_user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("game_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rematch_offers").delete()
    }
}

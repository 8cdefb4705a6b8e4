import Fluent

/// "This player is playing now": one row per player in a remote game, unique per player, so two
/// games can't both start for the same person however the requests race (and on several instances).
struct CreatePlayerClaims: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("player_claims")
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("game_id", .uuid, .required)
            .field("claimed_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("player_claims").delete()
    }
}

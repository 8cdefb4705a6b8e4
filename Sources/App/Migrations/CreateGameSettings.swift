import Fluent

struct CreateGameSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("game_settings")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("points_to_win", .int, .required)
            .field("ball_speed", .string, .required)
            .field("paddle_size", .string, .required)
            .field("theme", .string, .required)
            .field("paddle_color", .string, .required)
            .field("ball_color", .string, .required)
            .field("table_color", .string, .required)
            .field("ai_difficulty", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "user_id", name: "uq_game_settings_user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("game_settings").delete()
    }
}

import Fluent
import SQLKit

/// How loud the game's sounds are for a player (0–100), saved with their game settings.
struct AddSoundVolumeToGameSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("game_settings")
            .field("sound_volume", .int, .required, .sql(.default(70)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("game_settings").deleteField("sound_volume").update()
    }
}

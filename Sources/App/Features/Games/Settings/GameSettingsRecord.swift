import Fluent
import Foundation

/// A user's stored game and AI settings. Absent until they first save; the
/// defaults in `GameSettingsDTO.standard` stand in until then.
final class GameSettingsRecord: Model, @unchecked Sendable {
    static let schema = "game_settings"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "points_to_win") var pointsToWin: Int
    @Field(key: "ball_speed") var ballSpeed: String
    @Field(key: "paddle_size") var paddleSize: String
    @Field(key: "theme") var theme: String
    @Field(key: "paddle_color") var paddleColor: String
    @Field(key: "ball_color") var ballColor: String
    @Field(key: "table_color") var tableColor: String
    @Field(key: "ai_difficulty") var aiDifficulty: String
    /// How loud the game's sounds are, 0–100.
    @Field(key: "sound_volume") var soundVolume: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID) {
        self.$user.id = userID
        soundVolume = GameSettingsDTO.standardVolume
    }

    func apply(_ settings: GameSettingsDTO) {
        pointsToWin = settings.pointsToWin
        ballSpeed = settings.ballSpeed.rawValue
        paddleSize = settings.paddleSize.rawValue
        theme = settings.look.theme.rawValue
        paddleColor = settings.look.paddle
        ballColor = settings.look.ball
        tableColor = settings.look.table
        aiDifficulty = settings.aiDifficulty.rawValue
        // A form without the volume (the pre-game screen) leaves it as it was.
        if let volume = settings.soundVolume { soundVolume = volume }
    }
}

extension GameSettingsRecord {
    /// A player's stored settings, or the standard ones before they save any.
    static func settings(of userID: UUID, on db: any Database) async throws -> GameSettingsDTO {
        let record = try await GameSettingsRecord.query(on: db).filter(\.$user.$id == userID).first()
        return record.map(GameSettingsDTO.init) ?? .standard
    }

    /// Stores a player's whole settings (one row per player), whichever tab saves first.
    static func replace(settingsOf userID: UUID, with settings: GameSettingsDTO, on db: any Database) async throws -> GameSettingsDTO {
        let existing = try await GameSettingsRecord.query(on: db).filter(\.$user.$id == userID).first()
        let record = existing ?? GameSettingsRecord(userID: userID)
        record.apply(settings)
        do {
            try await record.save(on: db)
        } catch  where existing == nil {
            // Another tab saved first and the unique user_id refused this row: update theirs.
            guard let winner = try await GameSettingsRecord.query(on: db).filter(\.$user.$id == userID).first() else { throw error }
            winner.apply(settings)
            try await winner.save(on: db)
            return GameSettingsDTO(winner)
        }
        return GameSettingsDTO(record)
    }
}

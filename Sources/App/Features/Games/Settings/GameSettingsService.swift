import Fluent
import Vapor

/// A player's stored game and AI settings: the standard ones until they save any.
struct GameSettingsService {
    let db: any Database

    func settings(of userID: UUID) async throws -> GameSettingsDTO {
        try await GameSettingsRecord.settings(of: userID, on: db)
    }

    /// A whole replacement: every field is required, so nothing is half-saved.
    func replace(settingsOf userID: UUID, with settings: GameSettingsDTO) async throws -> GameSettingsDTO {
        let problems = settings.problems()
        guard problems.isEmpty else { throw AppError.validation(problems) }
        return try await GameSettingsRecord.replace(settingsOf: userID, with: settings, on: db)
    }
}

extension Application {
    func gameSettings(on db: any Database) -> GameSettingsService {
        GameSettingsService(db: db)
    }
}

extension Request {
    var gameSettings: GameSettingsService { application.gameSettings(on: db) }
}

import Fluent
import Vapor

/// `GET/PUT /api/me/game-settings`: the signed-in user's game and AI settings.
struct GameSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("me", "game-settings")
        settings.get(use: show)
        settings.put(use: replace)
    }

    @Sendable func show(req: Request) async throws -> GameSettingsDTO {
        try await GameSettingsRecord.settings(of: req.requireUser().requireID(), on: req.db)
    }

    /// A whole replacement: every field is required, so nothing is half-saved.
    @Sendable func replace(req: Request) async throws -> GameSettingsDTO {
        let userID = try req.requireUser().requireID()
        let settings = try req.decodeJSON(GameSettingsDTO.self)
        let problems = settings.problems()
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let existing = try await GameSettingsRecord.query(on: req.db).filter(\.$user.$id == userID).first()
        let record = existing ?? GameSettingsRecord(userID: userID)
        record.apply(settings)
        do {
            try await record.save(on: req.db)
        } catch where existing == nil {
            // Another tab saved first and the unique user_id refused this row: update theirs.
            guard let winner = try await GameSettingsRecord.query(on: req.db).filter(\.$user.$id == userID).first() else { throw error }
            winner.apply(settings)
            try await winner.save(on: req.db)
            return GameSettingsDTO(winner)
        }
        return GameSettingsDTO(record)
    }
}

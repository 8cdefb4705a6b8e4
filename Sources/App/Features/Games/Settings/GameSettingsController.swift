import Fluent
import Vapor

/// `GET/PUT /api/me/game-settings`: the signed-in user's game and AI settings;
/// `GET /api/game-looks`: the named looks and their colours.
struct GameSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("me", "game-settings")
        settings.get(use: show)
        settings.put(use: replace)
        routes.get("game-looks", use: looks)
    }

    @Sendable func looks(req: Request) async throws -> [NamedGameLookDTO] {
        GameLook.named
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
        return try await GameSettingsRecord.replace(settingsOf: userID, with: settings, on: req.db)
    }
}

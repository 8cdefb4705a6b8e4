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
        try await req.gameSettings.settings(of: req.requireUser().requireID())
    }

    /// A whole replacement: every field is required, so nothing is half-saved.
    @Sendable func replace(req: Request) async throws -> GameSettingsDTO {
        let userID = try req.requireUser().requireID()
        return try await req.gameSettings.replace(settingsOf: userID, with: try req.decodeJSON(GameSettingsDTO.self))
    }
}

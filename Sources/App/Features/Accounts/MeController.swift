import Vapor

/// The signed-in user's own account under `/api/me` (`AccountService`).
struct LanguageChoice: Content {
    let language: String
}

struct MeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("me")
        me.get(use: show)
        me.patch(use: update)
        me.put("language", use: setLanguage)
        me.delete(use: deleteAccount)
    }

    @Sendable func show(req: Request) async throws -> MeDTO {
        try await MeDTO.current(req.requireUser(), at: req.application.clock.now, on: req.db)
    }

    /// Username, email and password in one form.
    @Sendable func update(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(UpdateMeRequest.self)
        return try await req.accounts.update(user, with: body, keeping: req.requireSession().requireID(), from: req.caller)
    }

    /// The language of the site and of this player's emails, on every device they sign in on.
    @Sendable func setLanguage(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(LanguageChoice.self)
        let localizer = Localizer.shared
        guard localizer.supports(body.language) else {
            throw AppError.field("language", "Choose one of: \(localizer.languages.joined(separator: ", ")).")
        }
        user.language = body.language
        try await user.save(on: req.db)
        return try MeDTO(user)
    }

    @Sendable func deleteAccount(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordConfirmation.self)
        let response = Response(status: .noContent)
        response.cookies[SessionService.cookieName] = try await req.accounts.delete(user, password: body.password, from: req.caller)
        return response
    }
}

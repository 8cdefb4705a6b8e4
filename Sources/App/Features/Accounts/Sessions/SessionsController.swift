import Vapor

/// "Where am I logged in": list, revoke one, revoke all others.
struct SessionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped("auth", "sessions")
        sessions.get(use: list)
        sessions.delete(":sessionID", use: revoke)
        sessions.post("revoke-others", use: revokeOthers)
    }

    @Sendable func list(req: Request) async throws -> [SessionDTO] {
        let user = try req.requireUser()
        let current = try req.requireSession()
        return try await req.sessions.list(of: user.requireID(), current: current.id)
    }

    /// Another user's session id answers 404, exactly like an unknown one.
    @Sendable func revoke(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let current = try req.requireSession()
        guard let id = req.parameters.get("sessionID", as: UUID.self) else { throw AppError.sessionNotFound }
        let session = try await req.sessions.session(id, of: user.requireID())
        try await req.sessions.end(session)
        let response = Response(status: .noContent)
        if session.id == current.id {
            response.cookies[SessionService.cookieName] = req.sessions.expiredCookie()
        }
        return response
    }

    @Sendable func revokeOthers(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let current = try req.requireSession()
        try await req.sessions.endAll(of: user.requireID(), keeping: current.requireID())
        return .noContent
    }
}

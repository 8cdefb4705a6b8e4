import Fluent
import Vapor

struct SessionDTO: Content {
    let id: UUID
    let userAgent: String
    let ipAddress: String
    let createdAt: Date
    let lastSeenAt: Date
    let current: Bool
}

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
        let rows = try await UserSession.query(on: req.db)
            .filter(\.$user.$id == user.requireID())
            .sort(\.$lastSeenAt, .descending)
            .all()
        return try rows.map { row in
            SessionDTO(id: try row.requireID(), userAgent: row.userAgent, ipAddress: row.ipAddress,
                       createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, current: row.id == current.id)
        }
    }

    /// Another user's session id answers 404, exactly like an unknown one.
    @Sendable func revoke(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let current = try req.requireSession()
        guard let id = req.parameters.get("sessionID", as: UUID.self),
              let session = try await UserSession.query(on: req.db)
                .filter(\.$id == id)
                .filter(\.$user.$id == user.requireID())
                .first()
        else {
            throw AppError(status: .notFound, code: "session_not_found", message: "No such session.")
        }
        try await req.sessions.end(session, on: req.db)
        let response = Response(status: .noContent)
        if session.id == current.id {
            response.cookies[SessionService.cookieName] = req.sessions.expiredCookie()
        }
        return response
    }

    @Sendable func revokeOthers(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let current = try req.requireSession()
        try await req.sessions.endAll(of: user.requireID(), keeping: current.requireID(), on: req.db)
        return .noContent
    }
}

import Fluent
import Vapor

extension User: Authenticatable {}
extension UserSession: Authenticatable {}

/// Resolves the session cookie, if any, to a user. It never rejects: routes
/// that need a user call `request.requireUser()`.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[SessionService.cookieName]?.string, !token.isEmpty else {
            return try await next.respond(to: request)
        }
        let sessions = request.sessions
        if let (session, user) = try await sessions.find(token: token) {
            request.auth.login(user)
            request.auth.login(session)
            return try await next.respond(to: request)
        }
        // A dead cookie: answer as anonymous and tell the browser to drop it.
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = APIErrorMiddleware.response(for: error, request: request)
        }
        response.cookies[SessionService.cookieName] = sessions.expiredCookie()
        return response
    }
}

extension Request {
    func requireUser() throws -> User {
        guard let user = auth.get(User.self) else { throw AppError.unauthenticated }
        return user
    }

    func requireSession() throws -> UserSession {
        guard let session = auth.get(UserSession.self) else { throw AppError.unauthenticated }
        return session
    }

}

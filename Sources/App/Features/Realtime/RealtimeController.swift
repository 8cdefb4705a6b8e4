import Vapor

/// `GET /api/ws`: the one WebSocket per browser tab. The upgrade is refused
/// (no 101) without a valid session cookie or from a foreign Origin; tokens
/// never travel in the URL.
struct RealtimeController: RouteCollection {
    let limits: BoundedWebSocketUpgrader.Limits

    func boot(routes: any RoutesBuilder) throws {
        routes.get("ws", use: upgrade)
    }

    @Sendable func upgrade(req: Request) async throws -> Response {
        guard req.headers[.upgrade].contains(where: { $0.lowercased() == "websocket" }) else {
            throw AppError(status: .badRequest, code: "websocket_required", message: "Connect here with a WebSocket.")
        }
        // Browsers always send Origin with a WebSocket; cookies ride along cross-site, so this is the CSRF check.
        guard let origin = req.headers.first(name: .origin),
              CSRFMiddleware.isAllowed(origin: origin, request: req, trustedOrigins: req.application.config.trustedOrigins) else {
            throw AppError(status: .forbidden, code: "origin_not_allowed", message: "This connection did not come from the Transcendence site.")
        }
        let user = try req.requireUser()
        let userID = try user.requireID()
        let username = user.username
        let app = req.application
        let services = RealtimeSession.Services(
            games: app.games, users: app.connectedUsers,
            chat: { ChatService(db: app.db, users: app.connectedUsers, limiter: app.accounts.limiter) })
        let response = Response(status: .switchingProtocols)
        response.upgrader = BoundedWebSocketUpgrader(limits: limits) { socket, channel in
            RealtimeSession.start(
                RealtimeConnection(userID: userID, username: username, socket: socket, channel: channel), services: services)
        }
        return response
    }
}

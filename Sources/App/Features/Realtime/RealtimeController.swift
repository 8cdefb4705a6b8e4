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
            throw AppError.webSocketRequired
        }
        // Browsers always send Origin with a WebSocket; cookies ride along cross-site, so this is the CSRF check.
        guard let origin = req.headers.first(name: .origin),
              CSRFMiddleware.isAllowed(origin: origin, request: req, trustedOrigins: req.application.config.trustedOrigins) else {
            throw AppError.socketOriginNotAllowed
        }
        let user = try req.requireUser()
        let session = try req.requireSession()
        let (userID, sessionID, expiresAt) = (try user.requireID(), try session.requireID(), session.expiresAt)
        let username = user.username
        let address = req.clientAddress
        let app = req.application
        guard app.connectedUsers.hasRoom(forAddress: address) else {
            throw AppError.tooManySockets
        }
        let services = RealtimeSession.Services(
            games: app.games, users: app.connectedUsers,
            chat: { app.chat(on: app.db) },
            sessionIsLive: { id in ((try? await UserSession.find(id, on: app.db)) ?? nil) != nil })
        let response = Response(status: .switchingProtocols)
        response.upgrader = BoundedWebSocketUpgrader(limits: limits) { socket, channel in
            app.connectionGate.markLongLived(channel)
            let connection = RealtimeConnection(userID: userID, username: username, sessionID: sessionID, address: address,
                                                socket: socket, channel: channel)
            RealtimeSession.start(connection, sessionExpiresAt: expiresAt, services: services)
        }
        return response
    }
}

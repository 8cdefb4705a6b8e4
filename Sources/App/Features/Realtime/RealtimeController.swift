import Vapor

/// `GET /api/ws`: the one WebSocket per browser tab. The upgrade is refused
/// (no 101) without a valid session cookie (or a visitor's pass, which reaches
/// only the visitor's own game) or from a foreign Origin; tokens never travel
/// in the URL.
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
            CSRFMiddleware.isAllowed(origin: origin, request: req, trustedOrigins: req.config.trustedOrigins)
        else {
            throw AppError.socketOriginNotAllowed
        }
        let identity = try Identity(of: req)
        let address = req.clientAddress
        let app = req.application
        guard app.connectedUsers.hasRoom(forAddress: address) else {
            throw AppError.tooManySockets
        }
        let isVisitor = identity.isVisitor
        // The socket outlives this request, and may outlive the app in its last moments.
        let database = app.databaseProvider
        let sessionIsLive: @Sendable (UUID) async -> Bool = { id in
            // A visitor's pass is checked by its signature and expiry alone: there is no row to look for.
            if isVisitor { return true }
            return ((try? await UserSession.find(id, on: database())) ?? nil) != nil
        }
        let services = RealtimeSession.Services(
            games: app.games, users: app.connectedUsers,
            chat: { app.chat(on: database()) },
            sessionIsLive: sessionIsLive, clock: app.clock, relays: app.gameRelays, language: req.language)
        let response = Response(status: .switchingProtocols)
        response.upgrader = BoundedWebSocketUpgrader(limits: limits) { socket, channel in
            app.connectionGate.markLongLived(channel)
            let connection = RealtimeConnection(
                userID: identity.userID, username: identity.username, sessionID: identity.sessionID,
                address: address, isVisitor: identity.isVisitor, socket: socket, channel: channel)
            RealtimeSession.start(connection, sessionExpiresAt: identity.expiresAt, services: services)
        }
        return response
    }
}

/// Who opens a socket: a signed-in player (their login session), or a visitor (their pass).
private struct Identity: Sendable {
    let userID: UUID
    let username: String
    let sessionID: UUID
    let expiresAt: Date
    let isVisitor: Bool

    init(of req: Request) throws {
        if let user = req.auth.get(User.self), let session = req.auth.get(UserSession.self) {
            (userID, username, sessionID) = (try user.requireID(), user.username, try session.requireID())
            (expiresAt, isVisitor) = (session.expiresAt, false)
        } else if let pass = req.visitorPass {
            (userID, username, sessionID) = (pass.visitorID, GamePlayer.visitor.name, pass.visitorID)
            (expiresAt, isVisitor) = (pass.expiresAt, true)
        } else {
            throw AppError.unauthenticated
        }
    }
}

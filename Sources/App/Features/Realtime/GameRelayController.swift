import Vapor

/// `GET /internal/relay`: another instance of the cluster carries a tab's game messages to
/// the game this instance owns (`GameRelayLink`), vouching for the player with a `RelayPass`.
/// Without a valid pass — or outside a cluster — it does not exist; nginx never passes `/internal/`.
struct GameRelayController: RouteCollection {
    let limits: BoundedWebSocketUpgrader.Limits

    func boot(routes: any RoutesBuilder) throws {
        routes.get("internal", "relay", use: relayUpgrade)
    }

    @Sendable func relayUpgrade(req: Request) async throws -> Response {
        let app = req.application
        guard app.gameRelays != nil, req.headers[.upgrade].contains(where: { $0.lowercased() == "websocket" }),
            let token = req.headers.first(name: RelayPass.header),
            let pass = RelayPass.read(token, crypto: app.serverCrypto, at: app.clock.now)
        else { throw AppError.notFound }
        let sessionIsLive: @Sendable (UUID) async -> Bool = { id in
            if pass.visitor { return true }
            return ((try? await UserSession.find(id, on: app.db)) ?? nil) != nil
        }
        let services = RealtimeSession.Services(
            games: app.games, users: app.connectedUsers, chat: { app.chat(on: app.db) }, sessionIsLive: sessionIsLive,
            clock: app.clock)
        let response = Response(status: .switchingProtocols)
        response.upgrader = BoundedWebSocketUpgrader(limits: limits) { socket, channel in
            app.connectionGate.markLongLived(channel)
            let connection = RealtimeConnection(
                userID: pass.user, username: pass.username, sessionID: pass.session, address: pass.address,
                isVisitor: pass.visitor, socket: socket, channel: channel)
            RealtimeSession.start(connection, sessionExpiresAt: pass.sessionExpiresAt, services: services, relayed: true)
        }
        return response
    }
}

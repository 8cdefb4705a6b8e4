import Crypto
import Metrics
import Vapor

/// `GET /metrics` for Prometheus: from this machine (not through a proxy), or with `METRICS_TOKEN` as
/// a bearer token. Anyone else gets the same 404 as an unknown path: the endpoint does not exist for them.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        guard Self.mayScrape(req) else { throw Abort(.notFound) }
        await Self.recordGauges(of: req.application)
        var headers = HTTPHeaders()
        // Prometheus's text exposition format, version 0.0.4.
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.cacheControl = .init(noStore: true)
        return Response(status: .ok, headers: headers, body: .init(string: AppMetrics.text()))
    }

    static func mayScrape(_ req: Request) -> Bool {
        if let token = req.application.config.metricsToken, let bearer = req.headers.bearerAuthorization?.token {
            return Data(SHA256.hash(data: Data(bearer.utf8))) == Data(SHA256.hash(data: Data(token.utf8)))
        }
        guard let peer = req.remoteAddress?.ipAddress, !req.isProxied else { return false }
        return peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("127.")
    }

    /// Levels are read when scraped rather than tracked on every change.
    private static func recordGauges(of app: Application) async {
        Gauge(label: "transcendence_open_sockets").record(app.connectedUsers.socketCount)
        Gauge(label: "transcendence_players_online").record(app.connectedUsers.connectedUserCount)
        Gauge(label: "transcendence_live_games").record(app.games.liveGameCount)
        Gauge(label: "transcendence_results_in_journal").record(app.games.journalLength)
        Gauge(label: "transcendence_http_requests_in_flight").record(app.loadShedding.inFlight)
        Gauge(label: "transcendence_database_writes_waiting").record(await app.writeGate.waiting)
        Gauge(label: "transcendence_database_writes_in_progress").record(await app.writeGate.writing)
        Gauge(label: "transcendence_password_hashes_waiting").record(app.passwordHashing.pendingCount)
    }
}

import Fluent
import SQLKit
import Vapor

struct HealthDTO: Content {
    let status: String
    let version: String
    /// The instance that answered (`INSTANCE_ID`): behind a load balancer, which one this was.
    let instance: String
    let database: String
    /// What an operator watches under load.
    let load: LoadDTO
}

struct LoadDTO: Content {
    /// HTTP requests being served now, and refused with 503 since start.
    let requestsInFlight: Int
    let requestsRefused: Int
    /// Database writes waiting for their turn, and refused with 503 since start.
    let writesWaiting: Int
    let writesRefused: Int
    /// Finished games whose results wait in the journal.
    let resultsInJournal: Int
    let liveGames: Int
    /// How late the game clocks fire over their last few thousand ticks.
    let tickLatenessP99Milliseconds: Double
    let tickLatenessMaxMilliseconds: Double
}

/// `GET /api/health` for operators and load balancers: 200 when the database answers, 503 when not.
/// It reads from a reader connection, never waits behind writes, and is never shed.
struct HealthController: RouteCollection {
    static let version = "0.1.0"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    @Sendable func health(req: Request) async throws -> Response {
        var databaseStatus = "ok"
        do {
            let sql = try req.db.sql
            try await sql.raw("SELECT 1").run()
        } catch {
            req.logger.warning("Health check: database unreachable: \(String(reflecting: error))")
            databaseStatus = "unreachable"
        }
        let healthy = databaseStatus == "ok"
        let app = req.application
        let lateness = app.games.tickLateness.summary
        let load = LoadDTO(
            requestsInFlight: app.loadShedding.inFlight, requestsRefused: app.loadShedding.refused,
            writesWaiting: await app.writeGate.waiting, writesRefused: await app.writeGate.refused,
            resultsInJournal: app.games.journalLength, liveGames: app.games.liveGameCount,
            tickLatenessP99Milliseconds: lateness.p99, tickLatenessMaxMilliseconds: lateness.max)
        let body = HealthDTO(
            status: healthy ? "ok" : "degraded", version: Self.version, instance: app.config.instanceID, database: databaseStatus,
            load: load)
        let response = try await body.encodeResponse(status: healthy ? .ok : .serviceUnavailable, for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

import Fluent
import SQLKit
import Vapor

struct HealthDTO: Content {
    let status: String
    let version: String
    let database: String
}

/// `GET /api/health` for operators and load balancers: 200 when the database answers, 503 when not.
struct HealthController: RouteCollection {
    static let version = "0.1.0"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    @Sendable func health(req: Request) async throws -> Response {
        var databaseStatus = "ok"
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("SELECT 1").run()
        } catch {
            req.logger.warning("Health check: database unreachable: \(String(reflecting: error))")
            databaseStatus = "unreachable"
        }
        let healthy = databaseStatus == "ok"
        let body = HealthDTO(status: healthy ? "ok" : "degraded", version: Self.version, database: databaseStatus)
        let response = try await body.encodeResponse(status: healthy ? .ok : .serviceUnavailable, for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

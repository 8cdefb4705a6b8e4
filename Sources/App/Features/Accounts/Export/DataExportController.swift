import Vapor

/// `GET /api/me/export`: the signed-in player's data as one JSON file, streamed as it is read.
struct DataExportController: RouteCollection {
    /// An export reads the whole history: a few an hour is plenty for a person and keeps one
    /// account from turning it into load.
    static let perAccount = RateLimiter.Rule(limit: 5, window: 3600)

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("me").get("export", use: export)
    }

    @Sendable func export(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        if let wait = try await req.application.rateLimiter.attempt("export:\(userID)", rule: Self.perAccount) {
            throw AppError.tooManyRequests(retryAfter: wait)
        }
        let now = req.application.clock.now
        let export = DataExport(user: user, session: try req.requireSession().id, db: req.application.db, now: now)
        let day = now.formatted(.iso8601.year().month().day())
        let response = Response(
            status: .ok,
            body: .init(managedAsyncStream: { writer in
                try await export.write(to: JSONStreamWriter(writer))
            }))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"transcendence-\(user.username)-\(day).json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

import Vapor

/// `GET /api/live`: how many players are online and how many games are being played right now,
/// for the landing page (public: no account needed to see the site is alive).
struct LiveFiguresController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("live", use: figures)
    }

    @Sendable func figures(req: Request) async throws -> LiveFiguresDTO {
        try await req.statsInsights.liveFigures()
    }
}

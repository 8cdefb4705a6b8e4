import Fluent
import PongCore
import Vapor

/// Match histories: `GET /api/matches` (mine), `GET /api/matches/{id}` and
/// `GET /api/users/{username}/matches`. Finished and abandoned matches are
/// public, as on any game site; games still running are not listed.
struct MatchesController: RouteCollection {
    static let defaultPageSize = 20
    static let maximumPageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get("matches", use: mine)
        routes.get("matches", ":id", use: detail)
        routes.get("users", ":username", "matches", use: ofPlayer)
    }

    @Sendable func mine(req: Request) async throws -> MatchPageDTO {
        let userID = try req.requireUser().requireID()
        return try await page(of: userID, viewer: userID, req: req)
    }

    @Sendable func ofPlayer(req: Request) async throws -> MatchPageDTO {
        let user = try await req.namedUser()
        return try await page(of: user.requireID(), viewer: req.auth.get(User.self)?.id, req: req)
    }

    @Sendable func detail(req: Request) async throws -> MatchDetailDTO {
        let notFound = AppError(status: .notFound, code: "match_not_found", message: "No match has this id.")
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw notFound }
        guard let match = try await Match.query(on: req.db).filter(\.$id == id).filter(\.$status != .live).first() else {
            throw notFound
        }
        let points = try await MatchPoint.query(on: req.db).filter(\.$match.$id == id).sort(\.$number).all()
        return MatchDetailDTO(
            match: try MatchDTO(match, viewer: req.auth.get(User.self)?.id),
            points: points.compactMap { point in
                Side(rawValue: point.scorer).map {
                    PointRecord(number: point.number, atMilliseconds: point.atMilliseconds, scorer: $0,
                                rally: point.rally, leftScore: point.leftScore, rightScore: point.rightScore)
                }
            })
    }

    private func page(of userID: UUID, viewer: UUID?, req: Request) async throws -> MatchPageDTO {
        let (page, per) = try Self.pageParameters(req)
        let query = Match.query(on: req.db)
            .filter(\.$status != .live)
            .group(.or) { player in
                player.filter(\.$host.$id == userID).filter(\.$leftUser.$id == userID).filter(\.$rightUser.$id == userID)
            }
        let total = try await query.copy().count()
        let matches = try await query
            .sort(\.$startedAt, .descending).sort(\.$id, .descending)
            .range(((page - 1) * per)..<(page * per))
            .all()
        return MatchPageDTO(items: try matches.map { try MatchDTO($0, viewer: viewer) }, page: page, per: per, total: total)
    }

    static func pageParameters(_ req: Request) throws -> (page: Int, per: Int) {
        try PageParameters.parse(req, defaultPer: defaultPageSize, maximumPer: maximumPageSize)
    }
}

import Fluent
import PongCore
import Vapor

/// The records of games that are over. Finished and abandoned matches are public,
/// as on any game site; games still running are not listed.
struct MatchHistory {
    static let defaultPageSize = 20
    static let maximumPageSize = 50

    let db: any Database

    /// The matches a player took part in, newest first: the ones they played, and, in their own
    /// history (`includingHosted`), the games of guests they hosted on their keyboard.
    func page(of userID: UUID, viewer: UUID?, page: Int, per: Int, includingHosted: Bool = false) async throws -> MatchPageDTO {
        let query = includingHosted ? Match.closed(involving: userID, on: db) : Match.closed(playedBy: userID, on: db)
        let total = try await query.copy().count()
        let matches =
            try await query
            .sort(\.$startedAt, .descending).sort(\.$id, .descending)
            .range(((page - 1) * per)..<(page * per))
            .all()
        return MatchPageDTO(items: try matches.map { try MatchDTO($0, viewer: viewer, player: userID) }, page: page, per: per, total: total)
    }

    /// One closed match with its point-by-point timeline, or 404.
    func detail(_ id: UUID, viewer: UUID?) async throws -> MatchDetailDTO {
        guard let match = try await Match.query(on: db).filter(\.$id == id).filter(\.$status != .live).first() else {
            throw AppError.matchNotFound
        }
        let points = try await MatchPoint.query(on: db).filter(\.$match.$id == id).sort(\.$number).all()
        let replay: MatchDetailDTO.ReplayAvailability =
            if try await MatchReplay.find(id, on: db) == nil {
                .none
            } else if !match.mayBeReplayed(by: viewer) {
                .hostOnly
            } else {
                .available
            }
        return MatchDetailDTO(
            match: try MatchDTO(match, viewer: viewer),
            points: points.compactMap { point in
                Side(rawValue: point.scorer).map {
                    PointRecord(
                        number: point.number, atMilliseconds: point.atMilliseconds, scorer: $0,
                        rally: point.rally, leftScore: point.leftScore, rightScore: point.rightScore)
                }
            }, replay: replay)
    }
}

extension Match {
    /// Closed (finished or abandoned) matches in which the player held a paddle: what their record counts.
    static func closed(playedBy userID: UUID, on db: any Database) -> QueryBuilder<Match> {
        Match.query(on: db).filter(\.$status != .live)
            .group(.or) { $0.filter(\.$leftUser.$id == userID).filter(\.$rightUser.$id == userID) }
    }

    /// Those, and local games the player hosted on their keyboard: what their history lists.
    static func closed(involving userID: UUID, on db: any Database) -> QueryBuilder<Match> {
        Match.query(on: db).filter(\.$status != .live)
            .group(.or) { $0.filter(\.$host.$id == userID).filter(\.$leftUser.$id == userID).filter(\.$rightUser.$id == userID) }
    }
}

extension Application {
    func matchHistory(on db: any Database) -> MatchHistory {
        MatchHistory(db: db)
    }
}

extension Request {
    var matchHistory: MatchHistory { application.matchHistory(on: db) }
}

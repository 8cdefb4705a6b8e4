import Fluent
import Foundation
import SQLKit
import Vapor

/// Recomputes every kept figure from the match and tournament records, with the same rules as
/// the incremental updates (`PlayerFigures.apply`), and replaces the rows in one transaction.
/// Matches are read in the order they ended, a page at a time, so a million of them fit.
struct StatsRebuild {
    let db: any Database
    static let pageSize = 5000

    struct Result: Equatable {
        var players: [UUID: PlayerFigures] = [:]
        var activity: [UUID: [String: Int]] = [:]
        var site = SiteFigures()
    }

    func compute() async throws -> Result {
        var result = Result()
        let sql = try db.sql
        var after: (Date, UUID)?
        while true {
            let cursor =
                after.map {
                    SQLQueryString(
                        "AND (COALESCE(ended_at, started_at) > \(bind: $0.0) OR (COALESCE(ended_at, started_at) = \(bind: $0.0) AND id > \(bind: $0.1)))"
                    )
                } ?? SQLQueryString("")
            let rows = try await sql.raw(
                """
                SELECT id, mode, status, winner, left_user_id, right_user_id, left_score, right_score, longest_rally,
                       left_ai_level, right_ai_level, ended_at, started_at FROM matches
                WHERE status <> 'live' \(cursor)
                ORDER BY COALESCE(ended_at, started_at), id LIMIT \(unsafeRaw: String(Self.pageSize))
                """
            ).all()
            var last: MatchFacts?
            for row in rows {
                let facts = try Self.facts(row)
                for userID in facts.players {
                    result.players[userID, default: PlayerFigures()].apply(facts, as: userID)
                    result.activity[userID, default: [:]][facts.day, default: 0] += 1
                }
                result.site.apply(facts)
                last = facts
            }
            guard rows.count == Self.pageSize, let last else { break }
            after = (last.endedAt, last.id)
        }
        let started = try await Tournament.query(on: db).filter(\.$status ~~ [.running, .finished]).all()
        // Only tournaments that played a game count for the site (as the ledger counts them).
        let played = Set(try await TournamentMatch.query(on: db).filter(\.$leftScore != nil).all(\.$tournament.$id))
        result.site.tournaments = try started.filter { played.contains(try $0.requireID()) }.count
        let online = Dictionary(uniqueKeysWithValues: try started.filter { $0.kind == .online }.map { (try $0.requireID(), $0) })
        if !online.isEmpty {
            let seats = try await TournamentParticipant.query(on: db).filter(\.$tournament.$id ~~ Array(online.keys))
                .filter(\.$status == .joined).all()
            for seat in seats {
                guard let userID = seat.$user.id else { continue }
                result.players[userID, default: PlayerFigures()].tournamentsPlayed += 1
                if online[seat.$tournament.id]?.winnerParticipantID == seat.id {
                    result.players[userID, default: PlayerFigures()].tournamentsWon += 1
                }
            }
        }
        return result
    }

    /// Replaces every kept row with the recomputed ones.
    @discardableResult
    func run() async throws -> Result {
        let result = try await compute()
        let users = Set(try await User.query(on: db).all(\.$id))
        try await db.transaction { tx in
            try await PlayerActivity.query(on: tx).delete()
            try await PlayerStatsRow.query(on: tx).delete()
            try await SiteStats.query(on: tx).delete()
            var rows: [PlayerStatsRow] = []
            for (userID, figures) in result.players where users.contains(userID) {
                let row = PlayerStatsRow(userID: userID)
                row.figures = figures
                rows.append(row)
            }
            for chunk in stride(from: 0, to: rows.count, by: 500) {
                try await Array(rows[chunk..<min(chunk + 500, rows.count)]).create(on: tx)
            }
            var days: [PlayerActivity] = []
            for (userID, byDay) in result.activity where users.contains(userID) {
                for (day, games) in byDay { days.append(PlayerActivity(userID: userID, day: day, games: games)) }
            }
            for chunk in stride(from: 0, to: days.count, by: 500) {
                try await Array(days[chunk..<min(chunk + 500, days.count)]).create(on: tx)
            }
            try await SiteStats(totals: result.site).create(on: tx)
        }
        return result
    }

    private static func facts(_ row: any SQLRow) throws -> MatchFacts {
        let ended = try row.decode(column: "ended_at", as: Date?.self) ?? row.decode(column: "started_at", as: Date.self)
        return MatchFacts(
            id: try row.decode(column: "id", as: UUID.self),
            mode: Match.Mode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .local,
            status: Match.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .abandoned,
            winner: try row.decode(column: "winner", as: String?.self),
            leftUser: try row.decode(column: "left_user_id", as: UUID?.self),
            rightUser: try row.decode(column: "right_user_id", as: UUID?.self),
            leftScore: try row.decode(column: "left_score", as: Int.self),
            rightScore: try row.decode(column: "right_score", as: Int.self),
            longestRally: try row.decode(column: "longest_rally", as: Int.self),
            aiLevel: try row.decode(column: "left_ai_level", as: String?.self) ?? row.decode(column: "right_ai_level", as: String?.self),
            endedAt: ended)
    }
}

extension Application {
    /// Every kept figure recomputed from the match records (`transcendence rebuild-stats`).
    func statsRebuild(on db: any Database) -> StatsRebuild {
        StatsRebuild(db: db)
    }
}

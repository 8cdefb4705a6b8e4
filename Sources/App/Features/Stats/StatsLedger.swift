import Fluent
import Foundation
import SQLKit

/// Moves the kept figures with each result, inside the transaction that stores it. Players'
/// rows are locked in one order (by id), the site's row last, so concurrent results never
/// deadlock and never lose an increment.
struct StatsLedger {
    let db: any Database

    /// A match was closed (finished, forfeited or abandoned).
    func record(_ match: MatchFacts) async throws {
        for userID in try await existing(match.players) {
            try await update(userID) { $0.apply(match, as: userID) }
            try await countDay(match.day, for: userID)
        }
        try await updateSite { $0.apply(match) }
    }

    /// An online tournament started with these players (a local one counts for nobody's figures).
    func tournamentStarted(players: [UUID]) async throws {
        for userID in try await existing(players) { try await update(userID) { $0.tournamentsPlayed += 1 } }
    }

    /// A tournament's first game was played: from now on it counts in the site's figures (a
    /// tournament created and never played is not a tournament anyone saw).
    func tournamentPlayedItsFirstGame() async throws {
        try await updateSite { $0.tournaments += 1 }
    }

    func tournamentWon(by userID: UUID) async throws {
        for userID in try await existing([userID]) { try await update(userID) { $0.tournamentsWon += 1 } }
    }

    // MARK: Rows

    /// The accounts still there, in lock order.
    private func existing(_ ids: [UUID]) async throws -> [UUID] {
        let unique = Array(Set(ids)).sorted { $0.uuidString < $1.uuidString }
        guard !unique.isEmpty else { return [] }
        let present = Set(try await User.query(on: db).filter(\.$id ~~ unique).all(\.$id))
        return unique.filter { present.contains($0) }
    }

    private func update(_ userID: UUID, _ change: (inout PlayerFigures) -> Void) async throws {
        // The player's row lock: two results of one player (two AI games ending together) queue up.
        try await RowLock.lock(User.schema, id: userID, touching: "username", in: db)
        let row = try await PlayerStatsRow.query(on: db).filter(\.$user.$id == userID).first() ?? PlayerStatsRow(userID: userID)
        var figures = row.figures
        change(&figures)
        row.figures = figures
        try await row.save(on: db)
    }

    private func countDay(_ day: String, for userID: UUID) async throws {
        if let activity = try await PlayerActivity.query(on: db).filter(\.$user.$id == userID).filter(\.$day == day).first() {
            activity.games += 1
            try await activity.update(on: db)
        } else {
            try await PlayerActivity(userID: userID, day: day, games: 1).create(on: db)
        }
    }

    private func updateSite(_ change: (inout SiteFigures) -> Void) async throws {
        let sql = try db.sql
        try await sql.raw("UPDATE site_stats SET matches = matches WHERE id = \(bind: SiteStats.key)").run()
        let row = try await SiteStats.find(SiteStats.key, on: db) ?? SiteStats(totals: SiteFigures())
        var figures = row.figures
        change(&figures)
        row.figures = figures
        try await row.save(on: db)
    }
}

extension Database {
    var statsLedger: StatsLedger { StatsLedger(db: self) }
}

import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// The directory as rows of `live_games` (the game's setup as JSON, its spectators), joined to
/// `matches` (still live, and who owns it now) and `instances` (still beating) when read.
struct PostgresLiveGameDirectory: LiveGameDirectory {
    let database: @Sendable () -> any Database
    /// The counts last written, so a heartbeat writes only those that changed (not a statement per game).
    private let written = NIOLockedValueBox<[UUID: Int]>([:])

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    func list(_ setup: GameSetup) async throws {
        let body = String(decoding: try JSONEncoder().encode(setup), as: UTF8.self)
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.raw(
                """
                INSERT INTO live_games (match_id, setup, spectators) VALUES (\(bind: setup.id), \(bind: body), 0)
                ON CONFLICT (match_id) DO NOTHING
                """
            ).run()
        }
    }

    func delist(_ game: UUID) async throws {
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.delete(from: "live_games").where("match_id", .equal, game).run()
        }
    }

    func update(spectators: [UUID: Int]) async throws {
        let changed = written.withLockedValue { written in
            written = written.filter { spectators[$0.key] != nil } // ended games are forgotten
            return spectators.filter { written[$0.key] != $0.value }
        }
        guard !changed.isEmpty else { return }
        let sql = try database().sql
        // Only the counts that changed: most beats write nothing.
        for (game, count) in changed {
            try await sql.update("live_games").set("spectators", to: count).where("match_id", .equal, game).run()
            written.withLockedValue { $0[game] = count }
        }
    }

    func elsewhere(than me: String, aliveSince: Date) async throws -> [ListedGame] {
        let rows = try await database().sql.raw(
            """
            SELECT l.setup, l.spectators FROM live_games l
            JOIN matches m ON m.id = l.match_id AND m.status = 'live'
            JOIN instances i ON i.id = m.owner_instance AND i.heartbeat_at >= \(bind: aliveSince)
            WHERE m.owner_instance <> \(bind: me)
            """
        ).all()
        let decoder = JSONDecoder()
        return try rows.map { row in
            ListedGame(
                setup: try decoder.decode(GameSetup.self, from: Data(try row.decode(column: "setup", as: String.self).utf8)),
                spectators: try row.decode(column: "spectators", as: Int.self))
        }
    }

    /// Rows of games that are no longer live (ended here, or abandoned by the leader).
    static func deleteEnded(on db: any Database) async throws {
        try await db.sql.raw(
            "DELETE FROM live_games WHERE match_id NOT IN (SELECT id FROM matches WHERE status = 'live')"
        ).run()
    }
}

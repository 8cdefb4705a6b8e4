import Fluent
import Foundation
import Matchmaking
import SQLKit

/// The quick-match queue of a cluster, as rows of `queue_entries`: a player who joins on one
/// instance is paired with one who joined on another. A pairing is one transaction under an
/// advisory lock on the queue (joins and the leader's pass on every instance take turns), so the
/// pairs come from the rule every instance shares and nobody is paired twice.
struct PostgresMatchmaker: Matchmaker {
    let database: @Sendable () -> any Database
    /// The lock every pairing takes: one queue per cluster (each test schema is a cluster of its own).
    let lockKey: String

    func join(_ entry: QueueEntry) async throws -> Date? {
        let avoided = String(decoding: try JSONEncoder().encode(entry.avoided.map(\.uuidString).sorted()), as: UTF8.self)
        return try await durable {
            try await database().sql.raw(
                """
                INSERT INTO queue_entries (user_id, username, rating, joined_at, avoided)
                VALUES (\(bind: entry.userID), \(bind: entry.username), \(bind: entry.rating), \(bind: entry.joinedAt), \(bind: avoided))
                ON CONFLICT (user_id) DO NOTHING RETURNING joined_at
                """
            ).first()?.decode(column: "joined_at", as: Date.self)
        }
    }

    @discardableResult func leave(_ userID: UUID) async throws -> Bool {
        try await durable {
            try await database().sql.raw("DELETE FROM queue_entries WHERE user_id = \(bind: userID) RETURNING user_id").first() != nil
        }
    }

    func waitingSince(_ userID: UUID) async throws -> Date? {
        try await database().sql.select().column("joined_at").from("queue_entries").where("user_id", .equal, userID).first()?
            .decode(column: "joined_at", as: Date.self)
    }

    func pair(at now: Date) async throws -> [(QueueEntry, QueueEntry)] {
        try await durable {
            try await database().transaction { tx in
                let sql = try tx.sql
                try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: lockKey), 0))").run()
                let waiting = try await sql.select().columns("user_id", "username", "rating", "joined_at", "avoided")
                    .from("queue_entries").all().map(Self.entry)
                let pairs = PairingRule.pairs(among: waiting, at: now)
                let paired = pairs.flatMap { [$0.0.userID, $0.1.userID] }
                if !paired.isEmpty { try await sql.delete(from: "queue_entries").where("user_id", .in, paired).run() }
                return pairs
            }
        }
    }

    var count: Int {
        get async throws {
            try await database().sql.raw("SELECT count(*) AS n FROM queue_entries").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    private static func entry(_ row: any SQLRow) throws -> QueueEntry {
        let avoided = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "avoided", as: String.self).utf8))
        return QueueEntry(
            userID: try row.decode(column: "user_id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
            rating: try row.decode(column: "rating", as: Double.self), joinedAt: try row.decode(column: "joined_at", as: Date.self),
            avoided: Set(avoided.compactMap(UUID.init(uuidString:))))
    }

    /// The queue is part of requests already admitted, and of the leader's pass: never refused as load.
    private func durable<Value: Sendable>(_ work: () async throws -> Value) async throws -> Value {
        try await WriteGate.$isDurable.withValue(true) { try await work() }
    }
}

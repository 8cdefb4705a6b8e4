import Fluent
import Foundation
import SQLKit

/// Rate limits the whole cluster shares, as rows in `rate_limit_hits`. Each count is one
/// transaction that first takes a transaction-level advisory lock per key (in key order, so two
/// counts never wait on each other in a circle): two instances counting the same key queue up, and
/// a limit of 10 lets exactly 10 through however the attempts are spread.
struct PostgresRateLimits: SharedRateLimits {
    let database: @Sendable () -> any Database

    func count(_ checks: [(key: String, rule: RateLimiter.Rule)], at now: Date, evenIfOver: Bool) async throws -> SharedCount {
        // Counting is part of a request that was already admitted: it must not be refused itself.
        try await WriteGate.$isDurable.withValue(true) {
            try await database().transaction { tx in
                let sql = try tx.sql
                for key in Set(checks.map(\.key)).sorted() {
                    try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))").run()
                }
                if !evenIfOver, let wait = try await longestWait(checks, at: now, on: sql) { return .over(wait) }
                var rows: [Int] = []
                for check in checks {
                    let row = try await sql.insert(into: "rate_limit_hits").columns("key", "at", "expires_at")
                        .values(SQLBind(check.key), SQLBind(now), SQLBind(now.addingTimeInterval(check.rule.window)))
                        .returning("id").first()
                    if let id = try row?.decode(column: "id", as: Int.self) { rows.append(id) }
                }
                return .counted(rows)
            }
        }
    }

    func wait(for checks: [(key: String, rule: RateLimiter.Rule)], at now: Date) async throws -> Int? {
        try await longestWait(checks, at: now, on: database().sql)
    }

    func forget(_ hits: [Int]) async throws {
        guard !hits.isEmpty else { return }
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.delete(from: "rate_limit_hits").where("id", .in, hits).run()
        }
    }

    func reset(_ key: String) async throws {
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.delete(from: "rate_limit_hits").where("key", .equal, key).run()
        }
    }

    func forgetKeys(mentioning needles: [String]) async throws {
        try await WriteGate.$isDurable.withValue(true) {
            for needle in needles {
                try await database().sql.delete(from: "rate_limit_hits").where("key", .like, "%\(needle)%").run()
            }
        }
    }

    /// Rows past their window are only history: the scheduler deletes them.
    static func deleteExpired(at now: Date, on db: any Database) async throws {
        try await db.sql.delete(from: "rate_limit_hits").where("expires_at", .lessThanOrEqual, now).run()
    }

    private func longestWait(_ checks: [(key: String, rule: RateLimiter.Rule)], at now: Date, on sql: any SQLDatabase) async throws -> Int?
    {
        var longest: Int?
        for check in checks {
            let row = try await sql.raw(
                """
                SELECT count(*) AS hits, min(at) AS oldest FROM rate_limit_hits
                WHERE key = \(bind: check.key) AND at > \(bind: now.addingTimeInterval(-check.rule.window))
                """
            ).first()
            guard let row, try row.decode(column: "hits", as: Int.self) >= check.rule.limit,
                let oldest = try row.decode(column: "oldest", as: Date?.self)
            else { continue }
            let wait = max(1, Int(oldest.addingTimeInterval(check.rule.window).timeIntervalSince(now).rounded(.up)))
            longest = max(longest ?? 0, wait)
        }
        return longest
    }
}

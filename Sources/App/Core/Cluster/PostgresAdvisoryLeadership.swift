import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// Scheduler leadership across a cluster: the leader holds a session-level advisory lock on its
/// dedicated connection (the one that also holds the bus's LISTEN). When the leader's process dies (even `kill -9`), PostgreSQL ends its session and the
/// lock with it, and the next scheduler to ask takes over; a leader whose connection broke stops
/// leading until it wins the lock again.
final class PostgresAdvisoryLeadership: SchedulerLeadership {
    private let link: PostgresLink
    /// One lock per cluster (tests give each app its own, from its schema).
    private let key: Int64
    private let logger: Logger
    private let holds = NIOLockedValueBox(false)

    init(link: PostgresLink, cluster: String, logger: Logger) {
        self.link = link
        self.key = Self.lockKey(for: cluster)
        self.logger = logger
    }

    func leads(_ scheduler: UUID) async -> Bool {
        if holds.withLockedValue({ $0 }) {
            if link.isOpen { return true }
            holds.withLockedValue { $0 = false }
            logger.warning("Scheduler lost its leadership with its database connection")
        }
        do {
            let connection = try await link.connection()
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger)
            var won = false
            for try await granted in rows.decode(Bool.self) { won = granted }
            if won { logger.info("This instance now runs the scheduled jobs") }
            holds.withLockedValue { $0 = won }
            return won
        } catch {
            logger.warning("Scheduler leadership not checked: \(String(reflecting: error))")
            return false
        }
    }

    func resign(_ scheduler: UUID) async {
        guard holds.withLockedValue({ $0 }) else { return }
        holds.withLockedValue { $0 = false }
        // The link also holds the bus's LISTEN: the lock is given back, the session stays.
        do {
            try await link.connection().query("SELECT pg_advisory_unlock(\(key))", logger: logger)
        } catch {
            logger.warning("Scheduler leadership not given back (it ends with the session): \(String(reflecting: error))")
        }
    }

    /// A stable 64-bit key from the cluster's name (FNV-1a: Swift's own hash changes with every run).
    static func lockKey(for cluster: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "scheduler:\(cluster)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

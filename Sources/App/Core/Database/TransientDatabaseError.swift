import AsyncKit
import Foundation
import PostgresNIO
import SQLiteNIO

/// Errors that say "the database is busy right now", not "this write is wrong": another writer holds
/// SQLite's lock, PostgreSQL picked this transaction as a deadlock victim or serialisation failure, or
/// every pooled connection is taken. Retrying the same work later can succeed; nothing was written.
enum TransientDatabaseError {
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let error as SQLiteError:
            switch error.reason {
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot: return true
            default: return false
            }
        case let error as PSQLError:
            guard let state = error.serverInfo?[.sqlState] else { return false }
            return state == PostgresError.Code.serializationFailure.raw || state == PostgresError.Code.deadlockDetected.raw
        case ConnectionPoolTimeoutError.connectionRequestTimeout:
            return true
        default:
            return false
        }
    }
}

/// Runs work again while it fails for a transient reason, waiting a little longer each time
/// (capped, with jitter so retriers don't wake together), until it succeeds or `deadline` passes.
enum TransientRetry {
    static let firstPause: Duration = .milliseconds(20)
    static let longestPause: Duration = .seconds(1)

    /// `deadline` nil: keep trying (durable work, whose caller owns the journal entry).
    static func run<T>(until deadline: ContinuousClock.Instant?, _ work: () async throws -> T) async throws -> T {
        var pause = firstPause
        while true {
            do {
                return try await work()
            } catch  where isRetryable(error) {
                if let deadline, ContinuousClock.now + pause > deadline { throw AppError.serverBusy }
                try await Task.sleep(for: pause * Double.random(in: 0.75...1.25))
                pause = min(pause * 2, longestPause)
            }
        }
    }

    private static func isRetryable(_ error: any Error) -> Bool {
        TransientDatabaseError.isTransient(error)
    }
}

import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// bcrypt runs here, on threads of its own with a bounded queue, never on the
/// pool SQLite uses: a burst of logins (each hash ~250 ms of CPU) then waits its
/// turn or is turned away with 503 and `Retry-After`, and every other request
/// still reaches the database.
final class PasswordHashingPool: Sendable {
    struct Limits: Sendable {
        var threads = max(1, System.coreCount)
        /// Hashes running or waiting; one more is refused rather than queued for seconds.
        var maximumPending = 16 * max(1, System.coreCount)
    }

    let limits: Limits
    private let pool: NIOThreadPool
    private let pending = NIOLockedValueBox(0)

    init(limits: Limits = .init()) {
        self.limits = limits
        pool = NIOThreadPool(numberOfThreads: limits.threads)
        pool.start()
    }

    /// Runs `work` on the pool, or throws `server_busy` at once when the queue is full.
    /// Hashes admitted and not finished yet (running or queued), for the metrics.
    var pendingCount: Int { pending.withLockedValue { $0 } }

    func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        let maximum = limits.maximumPending
        let admitted = pending.withLockedValue { count -> Bool in
            guard count < maximum else { return false }
            count += 1
            return true
        }
        guard admitted else { throw AppError.serverBusy }
        defer { pending.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}

/// Stops the hashing threads when the application shuts down.
struct PasswordHashingLifecycle: LifecycleHandler {
    let pool: PasswordHashingPool

    func shutdownAsync(_ application: Application) async {
        await pool.shutdown()
    }
}

import Foundation

/// SQLite's one writer, as a queue: WAL lets one connection write at a time, and many pooled
/// connections polling for the lock is what starves one of them past `busy_timeout`. Every write
/// waits here for its turn instead, in order. Durable work (a game result, a tournament step) waits
/// as long as it takes and goes before requests; a request waits at most `requestWait`, and when
/// `queueLength` requests are already waiting it is refused at once with 503 `server_busy`.
actor WriteGate {
    struct Limits: Sendable {
        var queueLength = 512
        /// How long a request may wait for its turn and for a lock held from outside, in all.
        var requestWait: Duration = .seconds(10)
    }

    /// Set by work that must not be refused (it has a journal entry or a caller that retries).
    @TaskLocal static var isDurable = false

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    let limits: Limits
    private var held = false
    private var turns: UInt64 = 0
    /// The turn running now (tells a write from inside it apart from one waiting its turn).
    private(set) var currentTurn: UInt64?
    private var durableWaiters: [Waiter] = []
    private var requestWaiters: [Waiter] = []
    private var nextID: UInt64 = 0
    private(set) var refused = 0

    init(limits: Limits = .init()) {
        self.limits = limits
    }

    /// Requests waiting for their turn (the queue the limit bounds).
    var waiting: Int { durableWaiters.count + requestWaiters.count }

    /// A write running now (SQLite's one writer), for the metrics.
    var writing: Int { held ? 1 : 0 }

    /// Runs `body` alone among writes. `deadline` is when a request gives up (nil: durable).
    func withTurn<T: Sendable>(
        deadline: ContinuousClock.Instant?, _ body: @Sendable (_ turn: UInt64) async throws -> T
    ) async throws -> T {
        try await acquire(deadline: deadline)
        turns += 1
        let turn = turns
        currentTurn = turn
        defer {
            currentTurn = nil
            release()
        }
        return try await body(turn)
    }

    private func acquire(deadline: ContinuousClock.Instant?) async throws {
        guard held else {
            held = true
            return
        }
        if deadline != nil, requestWaiters.count >= limits.queueLength {
            refused += 1
            throw AppError.serverBusy
        }
        nextID += 1
        let id = nextID
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            if let deadline {
                requestWaiters.append(Waiter(id: id, continuation: continuation))
                Task { [weak self] in
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    await self?.timeOut(id)
                }
            } else {
                durableWaiters.append(Waiter(id: id, continuation: continuation))
            }
        }
    }

    private func timeOut(_ id: UInt64) {
        guard let index = requestWaiters.firstIndex(where: { $0.id == id }) else { return }
        refused += 1
        requestWaiters.remove(at: index).continuation.resume(throwing: AppError.serverBusy)
    }

    private func release() {
        // The turn passes straight to the next waiter: durable work first.
        if !durableWaiters.isEmpty {
            durableWaiters.removeFirst().continuation.resume()
        } else if !requestWaiters.isEmpty {
            requestWaiters.removeFirst().continuation.resume()
        } else {
            held = false
        }
    }
}

import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs `fire(key)` once when each key's deadline comes; scheduling a key again replaces its deadline.
/// The server stopping cancels what is still waiting: whatever a deadline closes is read back from the
/// database at the next start (or on its next read), so nothing is lost, and no timer fires into a
/// database that has already closed.
final class InProcessDeadlines: LifecycleHandler, Sendable {
    private struct Waiting {
        var tasks: [UUID: (token: UUID, task: Task<Void, Never>)] = [:]
        var stopped = false
    }

    private let fire: @Sendable (UUID) async -> Void
    private let clock: AppClock
    private let state = NIOLockedValueBox(Waiting())

    init(clock: AppClock, fire: @escaping @Sendable (UUID) async -> Void) {
        self.fire = fire
        self.clock = clock
    }

    func schedule(_ key: UUID, at deadline: Date) {
        let delay = max(0, deadline.timeIntervalSince(clock.now))
        let token = UUID()
        let fire = self.fire
        let task = Task { [state] in
            try? await Task.sleep(for: .milliseconds(Int(delay * 1000) + 50))
            // Only the newest deadline for a key fires, and only while the server runs.
            let current = state.withLockedValue { waiting -> Bool in
                guard !Task.isCancelled, waiting.tasks[key]?.token == token else { return false }
                waiting.tasks[key] = nil
                return true
            }
            if current { await fire(key) }
        }
        state.withLockedValue { waiting in
            guard !waiting.stopped else { return task.cancel() }
            waiting.tasks[key]?.task.cancel()
            waiting.tasks[key] = (token, task)
        }
    }

    func shutdown(_ application: Application) {
        state.withLockedValue { waiting in
            waiting.stopped = true
            waiting.tasks.values.forEach { $0.task.cancel() }
            waiting.tasks.removeAll()
        }
    }
}

import Foundation
import NIOConcurrencyHelpers
import Vapor

struct LocalMatchStartDTO: Content {
    let game: UUID
}

/// When each ready check runs out. In-process today; several servers would share a scheduler.
protocol TournamentScheduler: Sendable {
    func scheduleReadyDeadline(match: UUID, at: Date)
}

/// Sleeps until each deadline, then closes the ready check (a no-op if the match started meanwhile).
/// The server stopping cancels what is still waiting: a restart schedules it again.
final class InProcessTournamentScheduler: TournamentScheduler, LifecycleHandler {
    private let expire: @Sendable (UUID) async -> Void
    private let clock: AppClock
    private let waiting = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])

    init(expire: @escaping @Sendable (UUID) async -> Void, clock: AppClock) {
        self.expire = expire
        self.clock = clock
    }

    func scheduleReadyDeadline(match: UUID, at deadline: Date) {
        let delay = max(0, deadline.timeIntervalSince(clock.now))
        let expire = self.expire
        let task = Task { [waiting] in
            try? await Task.sleep(for: .milliseconds(Int(delay * 1000) + 50))
            guard !Task.isCancelled else { return }
            _ = waiting.withLockedValue { $0.removeValue(forKey: match) }
            await expire(match)
        }
        waiting.withLockedValue { $0[match]?.cancel(); $0[match] = task }
    }

    func shutdown(_ application: Application) {
        waiting.withLockedValue { tasks in
            tasks.values.forEach { $0.cancel() }
            tasks.removeAll()
        }
    }
}

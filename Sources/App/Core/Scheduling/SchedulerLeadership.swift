import Foundation
import NIOConcurrencyHelpers

/// Who runs the scheduled jobs: exactly one scheduler at a time across everything that shares this
/// leadership. One process on SQLite is its own leader; a cluster elects one over PostgreSQL.
protocol SchedulerLeadership: Sendable {
    /// Whether `scheduler` leads now (claiming the lead if nobody holds it). Asked before every run.
    func leads(_ scheduler: UUID) async -> Bool
    /// `scheduler` stops: another may take over.
    func resign(_ scheduler: UUID) async
}

/// Leadership among schedulers in one process: the first to ask leads until it resigns.
/// The embedded server has one scheduler, which always leads; tests make two compete for it.
final class InProcessLeadership: SchedulerLeadership {
    private let holder = NIOLockedValueBox<UUID?>(nil)

    func leads(_ scheduler: UUID) async -> Bool {
        holder.withLockedValue { holder in
            if holder == nil { holder = scheduler }
            return holder == scheduler
        }
    }

    func resign(_ scheduler: UUID) async {
        holder.withLockedValue { if $0 == scheduler { $0 = nil } }
    }
}

import Foundation
import Vapor

struct LocalMatchStartDTO: Content {
    let game: UUID
}

/// When each ready check runs out. In-process today; several servers would share a scheduler.
protocol TournamentScheduler: Sendable {
    func scheduleReadyDeadline(match: UUID, at: Date)
}

/// Closes the ready check when its deadline comes (a no-op if the match started meanwhile).
extension InProcessDeadlines: TournamentScheduler {
    func scheduleReadyDeadline(match: UUID, at deadline: Date) { schedule(match, at: deadline) }
}

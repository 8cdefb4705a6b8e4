import Foundation
import NIOCore

/// Remote games: when each absent player's connection dropped, and how much of their grace for
/// lost connections (shared by every drop in the game) they have spent.
struct GameAbsences {
    let graceInTotal: TimeAmount
    private var awaySince: [UUID: NIODeadline] = [:]
    private var awayInTotal: [UUID: TimeAmount] = [:]

    init(graceInTotal: TimeAmount) {
        self.graceInTotal = graceInTotal
    }

    mutating func dropped(_ userID: UUID, at now: NIODeadline = .now()) {
        awaySince[userID] = now
    }

    mutating func returned(_ userID: UUID, at now: NIODeadline = .now()) {
        if let since = awaySince.removeValue(forKey: userID) { awayInTotal[userID, default: .zero] += now - since }
    }

    /// What is left of a player's grace in this game.
    func graceLeft(for userID: UUID) -> TimeAmount {
        graceInTotal - awayInTotal[userID, default: .zero]
    }
}

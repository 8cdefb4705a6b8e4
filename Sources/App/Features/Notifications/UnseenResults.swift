import Fluent
import Foundation
import PongCore
import Vapor

/// Results a player was not there to see end — their opponent won by forfeit while they were away,
/// a rated game moved their rating, a lost tournament game put them out — go to the bell, so coming
/// back is never coming back to nothing. (A missed ready check is told by `TournamentDirector`.)
struct UnseenResults {
    let db: any Database
    let notifications: NotificationsService

    /// A stored remote game: each registered player who was not in it at the end is told how it ended,
    /// from their side.
    func gameStored(_ outcome: GameOutcome, record: Match?) async throws {
        let setup = outcome.setup
        guard setup.mode == .remote, let present = outcome.present, let winner = outcome.winner,
            outcome.status == .finished || outcome.status == .forfeit
        else { return }
        for side in [Side.left, .right] {
            guard let userID = setup.player(side).userID, !present.contains(userID) else { continue }
            let opponent = setup.player(side.opponent)
            let (mine, theirs) = side == .left ? (outcome.leftScore, outcome.rightScore) : (outcome.rightScore, outcome.leftScore)
            var data = [
                "match": setup.id.uuidString, "result": winner == side ? "won" : "lost",
                "score": "\(mine)–\(theirs)", "opponent": opponent.name
            ]
            if let reason = outcome.endReason { data["reason"] = reason.rawValue }
            let (change, after) =
                side == .left
                ? (record?.leftRatingDelta, record?.leftRatingAfter)
                : (record?.rightRatingDelta, record?.rightRatingAfter)
            if let change, let after {
                data["ratingChange"] = String(change)
                data["rating"] = String(after)
            }
            if let note = record?.ratingNote { data["ratingNote"] = note.rawValue }
            if let tournament = setup.tournament {
                data["tournament"] = tournament.id.uuidString
                data["name"] = tournament.name
                data["round"] = tournament.roundName
            }
            let actor = if let id = opponent.userID { try await User.find(id, on: db) } else { User?.none }
            try await notifications.notify(userID, .gameResult, actor: actor, data: data)
        }
    }
}

extension Application {
    func unseenResults(on db: any Database) -> UnseenResults {
        UnseenResults(db: db, notifications: notifications(on: db))
    }
}

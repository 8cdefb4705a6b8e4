import Fluent
import Foundation
import PongCore

/// A player's rating recomputed from the rated games they have left (after a moderator found some
/// farmed): from a new player's rating, game by game in the order they were played, each against
/// the opponent as the history recorded them before that game (their rating then, and their
/// deviation after their previous game). The opponents' own ratings are left as they are: their
/// games against this player were real to them. The floor holds; the newcomer cap does not apply
/// (a moderator has already judged the relation). Rewrites the player's rating history and each
/// game's change for their side, so the charts, the history and the rating agree.
struct RatingRebuild {
    let db: any Database
    let clock: AppClock

    @discardableResult
    func rebuild(_ userID: UUID) async throws -> Glicko2.Rating {
        let changes = try await RatingChange.query(on: db).filter(\.$user.$id == userID).with(\.$match)
            .sort(\.$createdAt).sort(\.$id).all()
        var rating = Glicko2.Rating.newPlayer
        var peak = rating.rating
        var opponents = Set<UUID>()
        for change in changes {
            let match = change.match
            let mySide: Side = match.$leftUser.id == userID ? .left : .right
            guard let opponentID = mySide == .left ? match.$rightUser.id : match.$leftUser.id,
                let winner = match.winner.flatMap(Side.init(rawValue:))
            else { continue }
            let opponent = try await opponentBefore(opponentID, in: change)
            let before = rating
            var after = Glicko2.updated(before, after: [.init(opponent: opponent, score: winner == mySide ? 1 : 0)])
            after.rating = max(after.rating, FairRatingRules.ratingFloor)
            rating = after
            peak = max(peak, after.rating)
            opponents.insert(opponentID)
            change.ratingBefore = before.rating
            change.ratingAfter = after.rating
            change.deviationAfter = after.deviation
            try await change.update(on: db)
            let delta = Int((after.rating - before.rating).rounded()), shown = Int(after.rating.rounded())
            if mySide == .left {
                match.leftRatingDelta = delta
                match.leftRatingAfter = shown
            } else {
                match.rightRatingDelta = delta
                match.rightRatingAfter = shown
            }
            try await match.update(on: db)
        }
        let row =
            try await PlayerRating.query(on: db).filter(\.$user.$id == userID).first() ?? PlayerRating(userID: userID, at: clock.now)
        row.rating = rating.rating
        row.deviation = rating.deviation
        row.volatility = rating.volatility
        row.ratedGames = changes.count
        row.ratedOpponents = opponents.count
        row.peakRating = peak
        row.updatedAt = clock.now
        try await row.save(on: db)
        return rating
    }

    /// The opponent as they stood before the game: the rating their own change recorded, and the
    /// deviation their previous rated game left them with (a new player's before their first).
    private func opponentBefore(_ opponentID: UUID, in change: RatingChange) async throws -> Glicko2.Rating {
        let theirs = try await RatingChange.query(on: db).filter(\.$user.$id == opponentID)
            .filter(\.$match.$id == change.$match.id).first()
        // This game's own row is left out by its match, not by its time: a date read back from the
        // database may compare as later than itself.
        let previous = try await RatingChange.query(on: db).filter(\.$user.$id == opponentID)
            .filter(\.$match.$id != change.$match.id)
            .filter(\.$createdAt <= (theirs?.createdAt ?? change.createdAt))
            .sort(\.$createdAt, .descending).first()
        return Glicko2.Rating(
            rating: theirs?.ratingBefore ?? Glicko2.Rating.newPlayer.rating,
            deviation: previous?.deviationAfter ?? Glicko2.Rating.newPlayer.deviation,
            volatility: Glicko2.Rating.newPlayer.volatility)
    }
}

import Fluent
import Foundation
import PongCore
import Vapor

/// Ratings move once per finished rated game, inside the transaction that stores its result,
/// so a result and its rating change are never seen one without the other. A forfeit counts as
/// a loss for the player who forfeited; an abandoned game (a server shutdown) is never rated.
struct RatingService {
    let db: any Database
    let clock: AppClock

    /// The rating a player has now (a new player's before their first rated game).
    func current(of userID: UUID) async throws -> Glicko2.Rating {
        try await PlayerRating.query(on: db).filter(\.$user.$id == userID).first()?.glicko ?? .newPlayer
    }

    /// One player's rating across one game.
    struct Move: Sendable {
        let before: Double
        let after: Double
        var change: Double { after - before }
    }

    /// Updates both players for one game won by `winner` and records the change; returns each side's move.
    /// The fair-rating rules apply here: a new account's gain against a related player is capped, no
    /// rating goes below the floor, and a first rated game against someone counts a new opponent.
    func record(match matchID: UUID, left leftID: UUID, right rightID: UUID, winner: Side) async throws -> (left: Move, right: Move) {
        let now = clock.now
        let relations = RatingRelations(db: db)
        let leftRow = try await row(of: leftID, at: now)
        let rightRow = try await row(of: rightID, at: now)
        let related = try await relations.areRelated(leftID, rightID, at: now)
        let newPair = try await !relations.playedRatedBefore(leftID, rightID, except: matchID)
        let (leftBefore, rightBefore) = (leftRow.glicko, rightRow.glicko)
        var leftAfter = Glicko2.updated(leftBefore, after: [.init(opponent: rightBefore, score: winner == .left ? 1 : 0)])
        var rightAfter = Glicko2.updated(rightBefore, after: [.init(opponent: leftBefore, score: winner == .right ? 1 : 0)])
        let leftCapped = related ? try await relations.isNewcomer(leftID, ratedGames: leftRow.ratedGames, at: now) : false
        let rightCapped = related ? try await relations.isNewcomer(rightID, ratedGames: rightRow.ratedGames, at: now) : false
        leftAfter.rating = FairRatingRules.ratingAfter(
            before: leftBefore.rating, computed: leftAfter.rating, newcomerAgainstRelated: leftCapped)
        rightAfter.rating = FairRatingRules.ratingAfter(
            before: rightBefore.rating, computed: rightAfter.rating, newcomerAgainstRelated: rightCapped)
        try await save(leftRow, leftAfter, matchID: matchID, newOpponent: newPair, at: now)
        try await save(rightRow, rightAfter, matchID: matchID, newOpponent: newPair, at: now)
        return (Move(before: leftBefore.rating, after: leftAfter.rating), Move(before: rightBefore.rating, after: rightAfter.rating))
    }

    private func row(of userID: UUID, at now: Date) async throws -> PlayerRating {
        try await PlayerRating.query(on: db).filter(\.$user.$id == userID).first() ?? PlayerRating(userID: userID, at: now)
    }

    private func save(_ row: PlayerRating, _ after: Glicko2.Rating, matchID: UUID, newOpponent: Bool, at now: Date) async throws {
        let before = row.rating
        row.rating = after.rating
        row.deviation = after.deviation
        row.volatility = after.volatility
        row.ratedGames += 1
        if newOpponent { row.ratedOpponents += 1 }
        row.peakRating = max(row.peakRating, after.rating)
        row.updatedAt = now
        try await row.save(on: db)
        try await RatingChange(userID: row.$user.id, matchID: matchID, before: before, after: after, at: now).create(on: db)
    }
}

/// How ratings are reached: `app.ratings(on:)` / `req.ratings`, and by the parts built before any
/// request (the match store, the game hub), which keep one of these.
struct Ratings: Sendable {
    let clock: AppClock

    func on(_ db: any Database) -> RatingService {
        RatingService(db: db, clock: clock)
    }
}

extension Application {
    func ratings(on db: any Database) -> RatingService {
        Ratings(clock: clock).on(db)
    }
}

extension Request {
    var ratings: RatingService { application.ratings(on: db) }
}

import Fluent
import Foundation

/// A player's current Glicko-2 rating; no row until their first rated game (they are then 1500/350/0.06).
final class PlayerRating: Model, @unchecked Sendable {
    static let schema = "player_ratings"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "rating") var rating: Double
    @Field(key: "deviation") var deviation: Double
    @Field(key: "volatility") var volatility: Double
    @Field(key: "rated_games") var ratedGames: Int
    /// Distinct opponents of the games that moved this rating: one alone keeps it off the leaderboard.
    @Field(key: "rated_opponents") var ratedOpponents: Int
    @Field(key: "peak_rating") var peakRating: Double
    @Field(key: "updated_at") var updatedAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, at now: Date) {
        let start = Glicko2.Rating.newPlayer
        self.$user.id = userID
        rating = start.rating
        deviation = start.deviation
        volatility = start.volatility
        ratedGames = 0
        ratedOpponents = 0
        peakRating = start.rating
        updatedAt = now
    }

    var glicko: Glicko2.Rating { Glicko2.Rating(rating: rating, deviation: deviation, volatility: volatility) }
}

/// One rated game's effect on one player: the history a rating chart is drawn from.
final class RatingChange: Model, @unchecked Sendable {
    static let schema = "rating_changes"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "rating_before") var ratingBefore: Double
    @Field(key: "rating_after") var ratingAfter: Double
    @Field(key: "deviation_after") var deviationAfter: Double
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "match_id") var match: Match

    init() {}

    init(userID: UUID, matchID: UUID, before: Double, after: Glicko2.Rating, at now: Date) {
        self.$user.id = userID
        self.$match.id = matchID
        ratingBefore = before
        ratingAfter = after.rating
        deviationAfter = after.deviation
        createdAt = now
    }
}

import Foundation

/// What keeps a rating meaningful: each rule is one function of plain values, so it is tested at
/// its edges without a database, and the queries that feed it (`RatingRelations`) stay apart.
/// The figures are lichess's where lichess has one (the 400 floor), ours otherwise.
enum FairRatingRules {
    /// Rated games one pair may play for ratings in `pairWindow`; later ones are played casual.
    static let ratedGamesPerPair = 3
    static let pairWindow: TimeInterval = 24 * 3600
    /// The shortest rated game: a first-to-1 game would move a rating as much as a first-to-21.
    static let minimumPointsToWinForRating = 5
    /// A forfeit inside this much play (by the game's clock) decides nothing about skill.
    static let earlyForfeitMilliseconds = 20_000
    /// A game that ends with fewer points played moves no rating, however it ended.
    static let minimumPointsPlayed = 3
    /// Lichess's floor: nobody is rated below it, so a throwaway account can't be sunk to feed another.
    static let ratingFloor = 400.0
    /// An account younger than this, or with fewer rated games, is new.
    static let newcomerAge: TimeInterval = 24 * 3600
    static let newcomerGames = 5
    /// How far one game against a related player (a friend, or someone on the same address) may
    /// lift a new account: enough for a real win to show, too little for a farm to pay.
    static let newcomerGainCap = 40.0
    /// How recently two accounts must have used one address to count as related.
    static let sharedAddressWindow: TimeInterval = 24 * 3600
    /// Accounts whose rated games were all against one opponent stay off the leaderboard.
    static let leaderboardOpponents = 2

    /// Whether a pair's next rated game still counts, given the rated games they began in the window.
    static func pairMayPlayRated(ratedGamesInWindow: Int) -> Bool {
        ratedGamesInWindow < ratedGamesPerPair
    }

    /// Whether a game to `pointsToWin` may be rated at all.
    static func rulesFitForRating(pointsToWin: Int) -> Bool {
        pointsToWin >= minimumPointsToWinForRating
    }

    /// Whether a finished rated game moves ratings: not a forfeit inside its first 20 s of play,
    /// and not one with fewer than 3 points played.
    static func movesRating(forfeited: Bool, playedMilliseconds: Int, pointsPlayed: Int) -> Bool {
        if pointsPlayed < minimumPointsPlayed { return false }
        if forfeited && playedMilliseconds < earlyForfeitMilliseconds { return false }
        return true
    }

    /// Whether an account counts as new: under a day old, or under five rated games.
    static func isNewcomer(accountAge: TimeInterval, ratedGames: Int) -> Bool {
        accountAge < newcomerAge || ratedGames < newcomerGames
    }

    /// The rating after one game: the gain of a new account against a related player is capped,
    /// and no rating goes below the floor (a loss is never capped: only gains can be farmed).
    static func ratingAfter(before: Double, computed: Double, newcomerAgainstRelated: Bool) -> Double {
        var after = computed
        if newcomerAgainstRelated { after = min(after, before + newcomerGainCap) }
        return max(after, ratingFloor)
    }

    /// Whether an account's rating stands on the leaderboard: rated games against more than one opponent.
    static func ratingIsShownOnLeaderboard(distinctRatedOpponents: Int) -> Bool {
        distinctRatedOpponents >= leaderboardOpponents
    }
}

extension FairRatingRules {
    /// Refuses rated play with rules too short for it (invitations, challenge links, tournaments).
    static func requireFitForRating(pointsToWin: Int, rated: Bool) throws {
        guard rated, !rulesFitForRating(pointsToWin: pointsToWin) else { return }
        throw AppError.field(
            "pointsToWin", "A rated game is played to at least \(minimumPointsToWinForRating) points.",
            code: "rated_too_short")
    }
}

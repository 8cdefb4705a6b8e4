import Fluent
import Foundation

/// One player's figures, kept up to date in the transaction that stores each result
/// (never recomputed per request). `transcendence rebuild-stats` recomputes them all.
final class PlayerStatsRow: Model, @unchecked Sendable {
    static let schema = "player_stats"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User

    /// Every closed match the player held a paddle in, abandoned ones included.
    @Field(key: "played") var played: Int
    @Field(key: "won") var won: Int
    @Field(key: "lost") var lost: Int
    @Field(key: "abandoned") var abandoned: Int
    @Field(key: "points_scored") var pointsScored: Int
    @Field(key: "points_conceded") var pointsConceded: Int
    @Field(key: "longest_rally") var longestRally: Int
    /// Online games won in a row, up to the latest; and the most ever.
    @Field(key: "current_streak") var currentStreak: Int
    @Field(key: "best_streak") var bestStreak: Int
    @Field(key: "tournaments_played") var tournamentsPlayed: Int
    @Field(key: "tournaments_won") var tournamentsWon: Int
    @Field(key: "online_played") var onlinePlayed: Int
    @Field(key: "online_won") var onlineWon: Int
    @Field(key: "online_lost") var onlineLost: Int
    @Field(key: "local_played") var localPlayed: Int
    @Field(key: "local_won") var localWon: Int
    @Field(key: "local_lost") var localLost: Int
    @Field(key: "ai_easy_played") var aiEasyPlayed: Int
    @Field(key: "ai_easy_won") var aiEasyWon: Int
    @Field(key: "ai_easy_lost") var aiEasyLost: Int
    @Field(key: "ai_medium_played") var aiMediumPlayed: Int
    @Field(key: "ai_medium_won") var aiMediumWon: Int
    @Field(key: "ai_medium_lost") var aiMediumLost: Int
    @Field(key: "ai_hard_played") var aiHardPlayed: Int
    @Field(key: "ai_hard_won") var aiHardWon: Int
    @Field(key: "ai_hard_lost") var aiHardLost: Int

    init() {}

    init(userID: UUID) {
        self.$user.id = userID
        figures = PlayerFigures()
    }

    /// The counters as a value, to compute with and compare.
    var figures: PlayerFigures {
        get {
            PlayerFigures(
                played: played, won: won, lost: lost, abandoned: abandoned, pointsScored: pointsScored,
                pointsConceded: pointsConceded, longestRally: longestRally, currentStreak: currentStreak,
                bestStreak: bestStreak, tournamentsPlayed: tournamentsPlayed, tournamentsWon: tournamentsWon,
                modes: [
                    .online: .init(played: onlinePlayed, won: onlineWon, lost: onlineLost),
                    .local: .init(played: localPlayed, won: localWon, lost: localLost),
                    .aiEasy: .init(played: aiEasyPlayed, won: aiEasyWon, lost: aiEasyLost),
                    .aiMedium: .init(played: aiMediumPlayed, won: aiMediumWon, lost: aiMediumLost),
                    .aiHard: .init(played: aiHardPlayed, won: aiHardWon, lost: aiHardLost)
                ].filter { $0.value != PlayerFigures.Record() }) // a mode never played is no entry, as in a rebuild
        }
        set {
            played = newValue.played
            won = newValue.won
            lost = newValue.lost
            abandoned = newValue.abandoned
            pointsScored = newValue.pointsScored
            pointsConceded = newValue.pointsConceded
            longestRally = newValue.longestRally
            currentStreak = newValue.currentStreak
            bestStreak = newValue.bestStreak
            tournamentsPlayed = newValue.tournamentsPlayed
            tournamentsWon = newValue.tournamentsWon
            let mode = { (key: PlayerFigures.Mode) in newValue.modes[key] ?? .init() }
            (onlinePlayed, onlineWon, onlineLost) = (mode(.online).played, mode(.online).won, mode(.online).lost)
            (localPlayed, localWon, localLost) = (mode(.local).played, mode(.local).won, mode(.local).lost)
            (aiEasyPlayed, aiEasyWon, aiEasyLost) = (mode(.aiEasy).played, mode(.aiEasy).won, mode(.aiEasy).lost)
            (aiMediumPlayed, aiMediumWon, aiMediumLost) = (mode(.aiMedium).played, mode(.aiMedium).won, mode(.aiMedium).lost)
            (aiHardPlayed, aiHardWon, aiHardLost) = (mode(.aiHard).played, mode(.aiHard).won, mode(.aiHard).lost)
        }
    }
}

/// Games one player played on one day (UTC), for the activity calendar.
final class PlayerActivity: Model, @unchecked Sendable {
    static let schema = "player_activity"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    /// YYYY-MM-DD, UTC.
    @Field(key: "day") var day: String
    @Field(key: "games") var games: Int

    init() {}

    init(userID: UUID, day: String, games: Int) {
        self.$user.id = userID
        self.day = day
        self.games = games
    }
}

/// The whole site's totals: one row, updated with every result. Deleted accounts' matches stay counted.
final class SiteStats: Model, @unchecked Sendable {
    static let schema = "site_stats"
    static let key = "all"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "matches") var matches: Int
    @Field(key: "remote_matches") var remoteMatches: Int
    @Field(key: "local_matches") var localMatches: Int
    @Field(key: "ai_matches") var aiMatches: Int
    @Field(key: "points") var points: Int
    @Field(key: "longest_rally") var longestRally: Int
    @OptionalField(key: "longest_rally_match_id") var longestRallyMatchID: UUID?
    @Field(key: "tournaments") var tournaments: Int

    init() {}

    init(totals: SiteFigures) {
        id = Self.key
        figures = totals
    }

    var figures: SiteFigures {
        get {
            SiteFigures(
                matches: matches, remoteMatches: remoteMatches, localMatches: localMatches, aiMatches: aiMatches,
                points: points, longestRally: longestRally, longestRallyMatchID: longestRallyMatchID, tournaments: tournaments)
        }
        set {
            matches = newValue.matches
            remoteMatches = newValue.remoteMatches
            localMatches = newValue.localMatches
            aiMatches = newValue.aiMatches
            points = newValue.points
            longestRally = newValue.longestRally
            longestRallyMatchID = newValue.longestRallyMatchID
            tournaments = newValue.tournaments
        }
    }
}

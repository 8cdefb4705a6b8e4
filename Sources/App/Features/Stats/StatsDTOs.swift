import Vapor

/// Right now: players with the site open, games being played.
struct LiveFiguresDTO: Content {
    let playersOnline: Int
    let gamesLive: Int
}

struct PlayerStatsDTO: Content {
    struct ModeRecord: Content, Equatable {
        let played: Int
        let won: Int
        let lost: Int
        /// Won ÷ decided (won + lost); nil before the first decided game.
        let winRate: Double?

        init(_ record: PlayerFigures.Record) {
            played = record.played
            won = record.won
            lost = record.lost
            winRate = record.won + record.lost == 0 ? nil : Double(record.won) / Double(record.won + record.lost)
        }
    }

    let played: Int
    let won: Int
    let lost: Int
    let abandoned: Int
    /// Won ÷ finished, 0 to 1; nil before the first finished match.
    let winRate: Double?
    let pointsScored: Int
    let pointsConceded: Int
    let longestRally: Int
    /// Games against people on other machines, and how many of them were won.
    let onlinePlayed: Int
    let onlineWon: Int
    /// By mode: online (people on other machines), local (one keyboard), and against each AI level.
    let modes: [String: ModeRecord]
    /// Online games won in a row, up to the latest one; the longest such run.
    let currentStreak: Int
    let bestStreak: Int
    /// Glicko-2 (1500 and a deviation of 350 before the first rated game).
    let rating: Int
    let ratingDeviation: Int
    let peakRating: Int
    let ratedGames: Int
    /// Online tournaments started with the player in them, and how many they won.
    let tournamentsPlayed: Int
    let tournamentsWon: Int

    init(_ figures: PlayerFigures, rating: PlayerRating?) {
        played = figures.played
        won = figures.won
        lost = figures.lost
        abandoned = figures.abandoned
        winRate = figures.won + figures.lost == 0 ? nil : Double(figures.won) / Double(figures.won + figures.lost)
        pointsScored = figures.pointsScored
        pointsConceded = figures.pointsConceded
        longestRally = figures.longestRally
        onlinePlayed = figures.modes[.online]?.played ?? 0
        onlineWon = figures.modes[.online]?.won ?? 0
        modes = Dictionary(
            uniqueKeysWithValues: PlayerFigures.Mode.allCases.map { ($0.rawValue, ModeRecord(figures.modes[$0] ?? .init())) })
        currentStreak = figures.currentStreak
        bestStreak = figures.bestStreak
        self.rating = Int((rating?.rating ?? Glicko2.Rating.newPlayer.rating).rounded())
        ratingDeviation = Int((rating?.deviation ?? Glicko2.Rating.newPlayer.deviation).rounded())
        peakRating = Int((rating?.peakRating ?? Glicko2.Rating.newPlayer.rating).rounded())
        ratedGames = rating?.ratedGames ?? 0
        tournamentsPlayed = figures.tournamentsPlayed
        tournamentsWon = figures.tournamentsWon
    }
}

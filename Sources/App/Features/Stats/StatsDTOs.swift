import Vapor

/// Right now: players with the site open, games being played.
struct LiveFiguresDTO: Content {
    let playersOnline: Int
    let gamesLive: Int
}

struct PlayerStatsDTO: Content {
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
    /// Glicko-2 (1500 and a deviation of 350 before the first rated game).
    let rating: Int
    let ratingDeviation: Int
    let ratedGames: Int
    /// Online tournaments started with the player in them, and how many they won.
    let tournamentsPlayed: Int
    let tournamentsWon: Int
}

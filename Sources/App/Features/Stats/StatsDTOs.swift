import Vapor

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
}

import Fluent
import Vapor

/// A player's record from their closed matches: abandoned games count as played, never as won;
/// a forfeit is a win for one and a loss for the other.
struct PlayerStatsService {
    let db: any Database
    let clock: AppClock

    func record(of userID: UUID) async throws -> PlayerStatsDTO {
        let matches = try await Match.closed(playedBy: userID, on: db).all()
        var won = 0, lost = 0, abandoned = 0, scored = 0, conceded = 0, rally = 0, onlinePlayed = 0, onlineWon = 0
        for match in matches {
            if match.mode == .remote {
                onlinePlayed += 1
                if match.status != .abandoned, match.winner == (match.$leftUser.id == userID ? "left" : "right") { onlineWon += 1 }
            }
            let side = match.$leftUser.id == userID ? "left" : "right"
            let (mine, theirs) = side == "left" ? (match.leftScore, match.rightScore) : (match.rightScore, match.leftScore)
            scored += mine
            conceded += theirs
            rally = max(rally, match.longestRally)
            switch (match.status, match.winner) {
            case (.finished, side), (.forfeit, side): won += 1
            case (.finished, _), (.forfeit, _): lost += 1
            default: abandoned += 1
            }
        }
        let finished = won + lost
        let rating = try await PlayerRating.query(on: db).filter(\.$user.$id == userID).first()
        let tournaments = try await TournamentParticipant.record(of: userID, on: db)
        return PlayerStatsDTO(played: matches.count, won: won, lost: lost, abandoned: abandoned,
                              winRate: finished == 0 ? nil : Double(won) / Double(finished),
                              pointsScored: scored, pointsConceded: conceded, longestRally: rally,
                              onlinePlayed: onlinePlayed, onlineWon: onlineWon,
                              rating: Int((rating?.rating ?? Glicko2.Rating.newPlayer.rating).rounded()),
                              ratingDeviation: Int((rating?.deviation ?? Glicko2.Rating.newPlayer.deviation).rounded()),
                              ratedGames: rating?.ratedGames ?? 0,
                              tournamentsPlayed: tournaments.played, tournamentsWon: tournaments.won)
    }
}

extension Request {
    var playerStats: PlayerStatsService { PlayerStatsService(db: db, clock: clock) }
}

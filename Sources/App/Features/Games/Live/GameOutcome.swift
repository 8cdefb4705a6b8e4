import Foundation
import PongCore

/// One point as the match record keeps it, and as the API shows it.
struct PointRecord: Codable, Sendable, Equatable {
    let number: Int
    /// Game time in ms since the start (pauses excluded).
    let atMilliseconds: Int
    let scorer: Side
    let rally: Int
    let leftScore: Int
    let rightScore: Int
}

/// How a live game ended, handed to the match store exactly once.
struct GameOutcome: Codable, Sendable {
    let setup: GameSetup
    let status: Match.Status
    let leftScore: Int
    let rightScore: Int
    let winner: Side?
    let points: [PointRecord]
    let longestRally: Int
    let totalHits: Int
    /// Why a forfeit happened.
    var endReason: Match.EndReason?
    /// Playing time by the game's clock (the one definition of a match's duration).
    var durationMilliseconds = 0
    /// The players who never joined a game that ended for want of them.
    var noShows: [UUID]?
    /// The players whose game socket was open when it ended: they saw the end screen. The others are
    /// told in the bell (nil in journals written before this was kept: nobody is told twice).
    var present: [UUID]?
    /// Every key change of the game (`InputLog.encoded`), stored as its replay; nil when the game
    /// can't be replayed exactly (taken over from a checkpoint without one).
    var inputLog: Data?
}

extension GameOutcome {
    /// The players who left this game: the loser of a forfeit (quit, gone past the grace, never
    /// came), or the no-shows of a quick match nobody played. The player who was left is never one.
    var leavers: [UUID] {
        guard endReason != nil else { return [] }
        if status == .abandoned { return noShows ?? [] }
        guard status == .forfeit, let winner else { return [] }
        return [setup.player(winner == .left ? .right : .left).userID].compactMap { $0 }
    }

    /// A quick match nobody played because one of the two never came.
    var isQuickMatchNoShow: Bool {
        setup.queuedSince != nil && status == .abandoned && endReason == .noShow
    }
}

/// The end screen's figures, sent to the player the moment the game ends.
struct GameSummaryDTO: Codable, Sendable {
    let matchID: UUID
    let status: Match.Status
    let winner: Side?
    let winnerName: String?
    let leftScore: Int
    let rightScore: Int
    let durationSeconds: Double
    let longestRally: Int
    let totalHits: Int
    /// Why a forfeit happened: `quit`, `disconnected` or `no_show`.
    let endReason: Match.EndReason?
    let rated: Bool
    /// Why an asked-for rated game moved no rating: `pair_limit` (played casual), `too_short`.
    let ratingNote: Match.RatingNote?
    /// Each side's rating change, once a rated game is stored.
    let leftRatingChange: Int?
    let rightRatingChange: Int?
    /// Each side's rating after it.
    let leftRating: Int?
    let rightRating: Int?
    /// The tournament match this game decided.
    let tournament: TournamentLink?
    /// A quick match whose opponent never arrived: the player who came is back in the queue.
    let backInQueue: Bool

    /// A stored match's end screen (a tab that reached its game after it ended elsewhere).
    init(_ match: Match) {
        matchID = match.id ?? UUID()
        status = match.status
        winner = match.winner.flatMap(Side.init(rawValue:))
        winnerName = winner.map { $0 == .left ? match.leftName : match.rightName }
        leftScore = match.leftScore
        rightScore = match.rightScore
        durationSeconds = Double(match.durationMilliseconds ?? 0) / 1000
        longestRally = match.longestRally
        totalHits = match.totalHits
        endReason = match.endReason
        rated = match.rated
        ratingNote = match.ratingNote
        leftRatingChange = match.leftRatingDelta
        rightRatingChange = match.rightRatingDelta
        leftRating = match.leftRatingAfter
        rightRating = match.rightRatingAfter
        tournament = nil
        backInQueue = false
    }

    init(_ outcome: GameOutcome, stored: Match?) {
        matchID = outcome.setup.id
        status = outcome.status
        winner = outcome.winner
        winnerName = outcome.winner.map { outcome.setup.player($0).name }
        leftScore = outcome.leftScore
        rightScore = outcome.rightScore
        durationSeconds = Double(outcome.durationMilliseconds) / 1000
        longestRally = outcome.longestRally
        totalHits = outcome.totalHits
        endReason = outcome.endReason
        rated = stored?.rated ?? outcome.setup.rated
        ratingNote = stored?.ratingNote ?? outcome.setup.ratingNote
        leftRatingChange = stored?.leftRatingDelta
        rightRatingChange = stored?.rightRatingDelta
        leftRating = stored?.leftRatingAfter
        rightRating = stored?.rightRatingAfter
        tournament = outcome.setup.tournament
        backInQueue = outcome.isQuickMatchNoShow
    }
}

import Foundation
import PongCore
import Vapor

/// A match in a history list.
struct MatchDTO: Content {
    let id: UUID
    let kind: String
    let mode: Match.Mode
    let status: Match.Status
    let left: PlayerDTO
    let right: PlayerDTO
    let leftScore: Int
    let rightScore: Int
    let winner: Side?
    /// The side the viewing user played, when they played this match.
    let yourSide: Side?
    /// In a player's history, the side that player held: a history row is told from its owner's side,
    /// whoever is looking at it.
    let playerSide: Side?
    /// The viewer hosted this game for two guests on their keyboard and didn't play in it.
    let hosted: Bool
    let pointsToWin: Int
    let ballSpeed: String
    let paddleSize: String
    let longestRally: Int
    let totalHits: Int
    let startedAt: Date
    let endedAt: Date?
    /// Playing time by the game's clock (pauses and waits excluded), as the end screen showed it.
    let durationSeconds: Double
    /// Why a forfeit happened: `quit`, `disconnected` or `no_show`.
    let endReason: Match.EndReason?
    let rated: Bool
    /// Why a game asked for rated moved no rating (`pair_limit`, `too_short`, `farmed`).
    let ratingNote: Match.RatingNote?
    /// Each side's rating change in a rated game.
    let leftRatingChange: Int?
    let rightRatingChange: Int?
    /// Each side's rating after it (absent for games stored before it was kept).
    let leftRatingAfter: Int?
    let rightRatingAfter: Int?

    init(_ match: Match, viewer: UUID?, player: UUID? = nil) throws {
        id = try match.requireID()
        kind = match.kind
        mode = match.mode
        status = match.status
        left = PlayerDTO(kind: match.leftKind, name: match.leftName, aiLevel: match.leftAILevel)
        right = PlayerDTO(kind: match.rightKind, name: match.rightName, aiLevel: match.rightAILevel)
        leftScore = match.leftScore
        rightScore = match.rightScore
        winner = match.winner.flatMap(Side.init(rawValue:))
        yourSide = Self.side(of: viewer, in: match)
        playerSide = Self.side(of: player, in: match)
        hosted = yourSide == nil && viewer != nil && match.$host.id == viewer
        pointsToWin = match.pointsToWin
        ballSpeed = match.ballSpeed
        paddleSize = match.paddleSize
        longestRally = match.longestRally
        totalHits = match.totalHits
        startedAt = match.startedAt
        endedAt = match.endedAt
        // Matches from before the game's clock was kept: their wall-clock time.
        durationSeconds =
            match.durationMilliseconds.map { Double($0) / 1000 }
            ?? match.endedAt.map { $0.timeIntervalSince(match.startedAt) } ?? 0
        endReason = match.endReason
        rated = match.rated
        ratingNote = match.ratingNote
        leftRatingChange = match.leftRatingDelta
        rightRatingChange = match.rightRatingDelta
        leftRatingAfter = match.leftRatingAfter
        rightRatingAfter = match.rightRatingAfter
    }

    private static func side(of user: UUID?, in match: Match) -> Side? {
        guard let user else { return nil }
        if match.$leftUser.id == user { return .left }
        if match.$rightUser.id == user { return .right }
        return nil
    }
}

/// One match with its point-by-point timeline.
struct MatchDetailDTO: Content {
    /// Whether the viewer can watch the game again (`GET /api/matches/{id}/replay`).
    enum ReplayAvailability: String, Codable, Sendable {
        case available
        /// Played before games were recorded (or cut short where its record was lost).
        case none
        /// A game on one keyboard, and the viewer is not its host.
        case hostOnly = "host_only"
    }

    let match: MatchDTO
    let points: [PointRecord]
    let replay: ReplayAvailability
}

struct MatchPageDTO: Content {
    let items: [MatchDTO]
    let page: Int
    let per: Int
    let total: Int
}

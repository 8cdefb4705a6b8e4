import Fluent
import Foundation

/// One game of Pong, from the moment the server starts it. A row is written
/// as `live` when the game is created, and finished or abandoned exactly once;
/// rows still `live` after a restart are marked abandoned.
final class Match: Model, @unchecked Sendable {
    static let schema = "matches"

    enum Mode: String, Codable, Sendable { case local, ai, remote }
    /// `forfeit`: one player won because the other quit, lost their connection or never came.
    enum Status: String, Codable, Sendable { case live, finished, abandoned, forfeit }
    enum EndReason: String, Codable, Sendable {
        case quit, disconnected
        case noShow = "no_show"
    }
    enum PlayerKind: String, Codable, Sendable { case user, guest, ai }
    /// Why a game between two accounts moved no rating though it was asked to (`FairRatingRules`).
    enum RatingNote: String, Codable, Sendable {
        /// The pair's fourth rated game in 24 h: played casual, and both were told before it started.
        case pairLimit = "pair_limit"
        /// A forfeit in its first 20 s of play, or fewer than 3 points played.
        case tooShort = "too_short"
        /// A moderator found the pair's games farmed: they no longer count.
        case farmed
    }

    @ID(key: .id) var id: UUID?

    // data fields
    /// The game played: always "pong" for now; the column leaves room for others.
    @Field(key: "kind") var kind: String
    @Field(key: "mode") var mode: Mode
    @Field(key: "status") var status: Status
    @Field(key: "points_to_win") var pointsToWin: Int
    @Field(key: "ball_speed") var ballSpeed: String
    @Field(key: "paddle_size") var paddleSize: String
    @Field(key: "left_kind") var leftKind: PlayerKind
    @Field(key: "left_name") var leftName: String
    @OptionalField(key: "left_ai_level") var leftAILevel: String?
    @Field(key: "right_kind") var rightKind: PlayerKind
    @Field(key: "right_name") var rightName: String
    @OptionalField(key: "right_ai_level") var rightAILevel: String?
    @Field(key: "left_score") var leftScore: Int
    @Field(key: "right_score") var rightScore: Int
    /// "left" or "right"; nil for live and abandoned games.
    @OptionalField(key: "winner") var winner: String?
    @Field(key: "longest_rally") var longestRally: Int
    @Field(key: "total_hits") var totalHits: Int
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// The instance running the game while it is live (`INSTANCE_ID`).
    @OptionalField(key: "owner_instance") var ownerInstance: String?
    /// Playing time by the game's clock, from the first serve's countdown to the last point (pauses
    /// excluded); nil for matches stored before it was kept.
    @OptionalField(key: "duration_ms") var durationMilliseconds: Int?
    /// Why a forfeit happened; nil otherwise.
    @OptionalField(key: "end_reason") var endReason: EndReason?
    /// Rated games move both players' ratings, once, in the transaction that stores the result.
    @Field(key: "rated") var rated: Bool
    /// Each side's rating change, rounded, once a rated game is stored.
    @OptionalField(key: "left_rating_delta") var leftRatingDelta: Int?
    @OptionalField(key: "right_rating_delta") var rightRatingDelta: Int?
    /// Each side's rating after the game, rounded; nil for games stored before it was kept.
    @OptionalField(key: "left_rating_after") var leftRatingAfter: Int?
    @OptionalField(key: "right_rating_after") var rightRatingAfter: Int?
    /// Why an asked-for rated game moved no rating; nil when it did, or was never meant to.
    @OptionalField(key: "rating_note") var ratingNote: RatingNote?

    // relationships
    /// Nil once the host's account is gone: the record stays for the other player and the all-time figures.
    @OptionalParent(key: "host_id") var host: User?
    @OptionalParent(key: "left_user_id") var leftUser: User?
    @OptionalParent(key: "right_user_id") var rightUser: User?
    @Children(for: \.$match) var points: [MatchPoint]

    init() {}
}

/// One point of a match: when it was won (ms after the start), by whom, and
/// how many paddle hits the rally lasted.
final class MatchPoint: Model, @unchecked Sendable {
    static let schema = "match_points"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "number") var number: Int
    @Field(key: "at_ms") var atMilliseconds: Int
    @Field(key: "scorer") var scorer: String
    @Field(key: "rally") var rally: Int
    @Field(key: "left_score") var leftScore: Int
    @Field(key: "right_score") var rightScore: Int

    // relationships
    @Parent(key: "match_id") var match: Match

    init() {}

    init(matchID: UUID, number: Int, atMilliseconds: Int, scorer: String, rally: Int, leftScore: Int, rightScore: Int) {
        self.$match.id = matchID
        self.number = number
        self.atMilliseconds = atMilliseconds
        self.scorer = scorer
        self.rally = rally
        self.leftScore = leftScore
        self.rightScore = rightScore
    }
}

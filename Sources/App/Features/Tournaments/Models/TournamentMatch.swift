import Fluent
import Foundation

/// One match of a bracket. Round 1 holds only the pairs that really play (a bye sends the
/// seed straight to round 2); later rounds exist from the start and fill as winners arrive.
/// waiting (a side unknown) → called (both known, 60 s to say ready) → playing → finished.
final class TournamentMatch: Model, @unchecked Sendable {
    static let schema = "tournament_matches"

    enum Status: String, Codable, Sendable { case waiting, called, playing, finished }

    @ID(key: .id) var id: UUID?

    // data fields
    /// 1 is the first round; the final is the tournament's last round.
    @Field(key: "round") var round: Int
    /// Top to bottom within the round, from 0: feeds (round + 1, position / 2).
    @Field(key: "position") var position: Int
    /// 1, 2, 3… in playing order: round by round, top to bottom.
    @Field(key: "match_number") var matchNumber: Int
    @Field(key: "status") var status: Status
    @OptionalField(key: "left_participant_id") var leftID: UUID?
    @OptionalField(key: "right_participant_id") var rightID: UUID?
    @OptionalField(key: "winner_participant_id") var winnerID: UUID?
    @Field(key: "left_ready") var leftReady: Bool
    @Field(key: "right_ready") var rightReady: Bool
    @OptionalField(key: "left_score") var leftScore: Int?
    @OptionalField(key: "right_score") var rightScore: Int?
    @OptionalField(key: "longest_rally") var longestRally: Int?
    @OptionalField(key: "duration_ms") var durationMilliseconds: Int?
    /// How a match ended other than by points: no_show, forfeit, disconnected, quit.
    @OptionalField(key: "end_reason") var endReason: String?
    /// The live game while it is played (and after): its match record has the same id.
    @OptionalField(key: "game_id") var gameID: UUID?
    @OptionalField(key: "called_at") var calledAt: Date?
    @OptionalField(key: "ready_deadline") var readyDeadline: Date?
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "ended_at") var endedAt: Date?

    // relationships
    @Parent(key: "tournament_id") var tournament: Tournament
    @OptionalParent(key: "match_id") var match: Match?

    init() {}

    init(tournamentID: UUID, round: Int, position: Int, number: Int) {
        self.$tournament.id = tournamentID
        self.round = round
        self.position = position
        self.matchNumber = number
        self.status = .waiting
        self.leftReady = false
        self.rightReady = false
    }
}

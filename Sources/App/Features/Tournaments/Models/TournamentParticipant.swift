import Fluent
import Foundation

/// One seat: an invited or joined account (online) or an alias (local). The name is kept,
/// so a player who deletes their account keeps their place as "deleted player".
final class TournamentParticipant: Model, @unchecked Sendable {
    static let schema = "tournament_participants"

    enum Status: String, Codable, Sendable { case invited, joined, declined, left, removed }

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "name") var name: String
    @Field(key: "status") var status: Status
    /// 1 is the top seed; set when the tournament starts.
    @OptionalField(key: "seed") var seed: Int?
    /// Final place: 1 the winner, 2 the finalist, 3 the semi-finalists, 5 the quarter-finalists…
    @OptionalField(key: "placement") var placement: Int?
    /// Gone (account deleted) while the tournament runs: every match left to them is a forfeit.
    @Field(key: "withdrawn") var withdrawn: Bool
    @Field(key: "invited_at") var invitedAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?

    // relationships
    @Parent(key: "tournament_id") var tournament: Tournament
    @OptionalParent(key: "user_id") var user: User?

    init() {}

    init(tournamentID: UUID, userID: UUID?, name: String, status: Status, at now: Date) {
        self.$tournament.id = tournamentID
        self.$user.id = userID
        self.name = name
        self.status = status
        self.withdrawn = false
        self.invitedAt = now
        if status == .joined { self.answeredAt = now }
    }
}

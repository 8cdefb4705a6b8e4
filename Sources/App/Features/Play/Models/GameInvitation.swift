import Fluent
import Foundation

/// One player asking a friend for a game, with the rules they chose. At most one is pending per pair
/// (a partial unique index), and every change of status is one conditional update, so an invitation
/// is answered once whatever the races.
final class GameInvitation: Model, @unchecked Sendable {
    static let schema = "game_invitations"
    /// An unanswered invitation lapses after this long.
    static let lifetime: TimeInterval = 60

    enum Status: String, Codable, Sendable { case pending, accepted, declined, cancelled, expired }

    @ID(key: .id) var id: UUID?

    // data fields
    /// The pair in a fixed order, whoever invited: what the one-pending-per-pair index is on.
    @Field(key: "pair_key") var pairKey: String
    @Field(key: "status") var status: Status
    @Field(key: "points_to_win") var pointsToWin: Int
    @Field(key: "ball_speed") var ballSpeed: String
    @Field(key: "paddle_size") var paddleSize: String
    @Field(key: "rated") var rated: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    /// The game an accepted invitation started.
    @OptionalField(key: "game_id") var gameID: UUID?

    // relationships
    @Parent(key: "inviter_id") var inviter: User
    @Parent(key: "invitee_id") var invitee: User

    init() {}

    init(from inviter: UUID, to invitee: UUID, rules: InvitationRules, at now: Date) {
        self.$inviter.id = inviter
        self.$invitee.id = invitee
        pairKey = Conversation.directKey(inviter, invitee)
        status = .pending
        pointsToWin = rules.pointsToWin
        ballSpeed = rules.ballSpeed.rawValue
        paddleSize = rules.paddleSize.rawValue
        rated = rules.rated
        createdAt = now
        expiresAt = now.addingTimeInterval(Self.lifetime)
    }
}

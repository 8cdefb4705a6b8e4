import Fluent
import Foundation

/// An open challenge: whoever opens its link first (signed in, not blocked either way) and accepts
/// plays its creator. open → accepted (the game), or cancelled by its creator; past `expiresAt` it
/// is gone like a cancelled one.
final class Challenge: Model, @unchecked Sendable {
    static let schema = "challenges"
    static let lifetime: TimeInterval = 30 * 60

    enum Status: String, Codable, Sendable {
        case open, accepted, cancelled
    }

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "points_to_win") var pointsToWin: Int
    @Field(key: "ball_speed") var ballSpeed: String
    @Field(key: "paddle_size") var paddleSize: String
    @Field(key: "rated") var rated: Bool
    @Field(key: "status") var status: Status
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "game_id") var gameID: UUID?
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "creator_id") var creator: User
    @OptionalParent(key: "accepted_by") var acceptedBy: User?

    init() {}

    init(creator: UUID, tokenHash: String, rules: InvitationRules, at now: Date) {
        $creator.id = creator
        self.tokenHash = tokenHash
        pointsToWin = rules.pointsToWin
        ballSpeed = rules.ballSpeed.rawValue
        paddleSize = rules.paddleSize.rawValue
        rated = rules.rated
        status = .open
        createdAt = now
        expiresAt = now.addingTimeInterval(Self.lifetime)
    }

    var rules: InvitationRules {
        InvitationRules(
            pointsToWin: pointsToWin, ballSpeed: .init(rawValue: ballSpeed) ?? .normal,
            paddleSize: .init(rawValue: paddleSize) ?? .normal, rated: rated)
    }
}

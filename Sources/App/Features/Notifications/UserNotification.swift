import Fluent
import Foundation

/// Something that happened to a player while they may not have been looking:
/// a friend request, an accepted request, being added to a room, a game
/// invitation, a tournament match being ready, a result they were not there to see.
final class UserNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    enum Kind: String, Codable, Sendable {
        case friendRequest = "friend_request"
        case friendAccepted = "friend_accepted"
        case roomInvite = "room_invite"
        case gameInvite = "game_invite"
        case tournamentInvite = "tournament_invite"
        case tournamentCall = "tournament_call"
        /// A game that ended while the player was away (a forfeit, a rating change they did not see).
        case gameResult = "game_result"
        /// Out of a tournament without having seen it happen (a missed ready check).
        case tournamentEliminated = "tournament_eliminated"
        /// A moderator's warning, with their reason (the moderator is not named).
        case moderationWarning = "moderation_warning"
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?

    // data fields
    @Field(key: "kind") var kind: Kind
    /// JSON object of strings with what the client needs (a conversation id, a room name).
    @OptionalField(key: "data") var data: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    // relationships
    @Parent(key: "user_id") var user: User
    @OptionalParent(key: "actor_id") var actor: User?

    init() {}

    init(userID: UUID, kind: Kind, actorID: UUID?, data: [String: String]? = nil, at now: Date) {
        self.$user.id = userID
        self.kind = kind
        self.$actor.id = actorID
        self.data = StringMapColumn.encode(data)
        self.createdAt = now
    }

    var decodedData: [String: String]? { StringMapColumn.decode(data) }
}

import Foundation
import Vapor

/// A player as lists show them: name and picture.
struct UserSummaryDTO: Content, Equatable {
    let username: String
    let avatarURL: String

    init(_ user: User) {
        self.username = user.username
        self.avatarURL = AvatarURL.for(user)
    }
}

struct FriendDTO: Content {
    let user: UserSummaryDTO
    let presence: ConnectedUsers.Presence
    let since: Date
}

struct FriendRequestDTO: Content {
    let user: UserSummaryDTO
    let sentAt: Date
}

/// `GET /api/friends`: everything the friend panel shows.
struct FriendsOverviewDTO: Content {
    let friends: [FriendDTO]
    let incoming: [FriendRequestDTO]
    let outgoing: [FriendRequestDTO]
}

/// How the signed-in player stands with another.
enum Relation: String, Codable, Sendable {
    case me, none, friends, blocked
    /// They asked me.
    case incoming
    /// I asked them.
    case outgoing
}

struct RelationDTO: Content {
    let user: UserSummaryDTO
    let relation: Relation
}

struct PlayerSearchPageDTO: Content {
    let items: [RelationDTO]
    let page: Int
    let per: Int
    let total: Int
}

struct FriendRequestBody: Decodable {
    let username: String
}

/// What a friend request ended in: a new request, or a friendship when the
/// other player had already asked.
struct FriendRequestResultDTO: Content {
    let status: Friendship.Status
    let user: UserSummaryDTO
}

/// Live on the socket as `friend`: a list changed; clients refresh the panel.
struct FriendEvent: Content {
    enum Kind: String, Codable, Sendable { case request, accepted, declined, canceled, removed }
    let event: Kind
    let user: UserSummaryDTO
}

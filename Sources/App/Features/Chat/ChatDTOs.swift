import Foundation
import Vapor

struct ChatMessageDTO: Content {
    let id: Int
    let conversation: UUID
    /// Nil for system messages.
    let sender: UserSummaryDTO?
    let kind: ChatMessage.Kind
    /// Plain text, exactly as sent (clients show it as text, never as HTML).
    let text: String
    /// For system messages: what happened (`event`) and its details.
    let data: [String: String]?
    let sentAt: Date
    /// Sent by an account under a day old: its links are shown as text, not links (spam accounts
    /// are new accounts).
    let linksAsText: Bool

    init(_ message: ChatMessage, sender: User?) throws {
        self.id = try message.requireID()
        self.conversation = message.$conversation.id
        self.sender = sender.map(UserSummaryDTO.init)
        self.kind = message.kind
        self.text = message.body
        self.data = message.decodedData
        self.sentAt = message.createdAt
        self.linksAsText =
            sender.map { ($0.createdAt ?? message.createdAt) > message.createdAt.addingTimeInterval(-ChatText.newAccountLinkAge) } ?? false
    }
}

struct ConversationDTO: Content {
    let id: UUID
    let kind: Conversation.Kind
    /// The room's name, or the other player's username for a direct conversation.
    let title: String
    /// The other player of a direct conversation.
    let other: UserSummaryDTO?
    let members: [UserSummaryDTO]
    let unread: Int
    /// The newest message id I have read.
    let lastRead: Int
    let lastMessage: ChatMessageDTO?
    let updatedAt: Date
}

extension ConversationDTO {
    /// `members` in the order they joined; `last` with its sender loaded.
    init(_ conversation: Conversation, for me: UUID, members: [User], seat: ConversationMember, unread: Int, last: ChatMessage?) throws {
        let other = conversation.kind == .direct ? members.first { $0.id != me } : nil
        self.init(
            id: try conversation.requireID(), kind: conversation.kind,
            title: conversation.kind == .room ? (conversation.name ?? "Room") : (other?.username ?? "Conversation"),
            other: other.map(UserSummaryDTO.init),
            members: members.map(UserSummaryDTO.init),
            unread: unread, lastRead: seat.lastReadMessageID,
            lastMessage: try last.map { try ChatMessageDTO($0, sender: $0.sender) },
            updatedAt: conversation.lastMessageAt ?? conversation.createdAt)
    }
}

struct ChatMessagePageDTO: Content {
    /// Oldest first, ready to show.
    let items: [ChatMessageDTO]
    /// Pass as `before` to load earlier messages; nil at the beginning of the conversation.
    let earlier: Int?
}

struct SendMessageBody: Decodable {
    let text: String
    /// Chosen by the client for this message (a UUID, say) and sent again with every retry of it:
    /// a send whose answer was lost is retried without storing the message twice.
    let clientKey: String?
}

struct OpenDirectBody: Decodable {
    let username: String
}

struct CreateRoomBody: Decodable {
    let name: String
    let members: [String]?
}

struct AddMemberBody: Decodable {
    let username: String
}

struct MarkReadBody: Decodable {
    let messageId: Int
}

/// Live on the socket as `read`: `user` has read `conversation` up to `messageId`.
struct ReadEvent: Content {
    let conversation: UUID
    let user: String
    let messageId: Int
}

/// Live as `typing`.
struct TypingEvent: Content {
    let conversation: UUID
    let user: String
}

/// Live as `conversation`: a conversation appeared, changed members, or I left it.
struct ConversationEvent: Content {
    enum Kind: String, Codable, Sendable { case added, changed, left }
    let event: Kind
    let conversation: UUID
}

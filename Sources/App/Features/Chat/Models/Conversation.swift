import Fluent
import Foundation

/// A chat between two players (`direct`) or a group `room`. Tournaments will
/// open rooms of their own.
final class Conversation: Model, @unchecked Sendable {
    static let schema = "conversations"

    enum Kind: String, Codable, Sendable { case direct, room }

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "kind") var kind: Kind
    /// Rooms only; a direct conversation is named after the other player.
    @OptionalField(key: "name") var name: String?
    @OptionalField(key: "direct_key") var directKey: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_message_at") var lastMessageAt: Date?

    // relationships
    @OptionalParent(key: "created_by") var creator: User?
    @Children(for: \.$conversation) var members: [ConversationMember]

    init() {}

    static func direct(between one: UUID, and other: UUID, at now: Date) -> Conversation {
        let conversation = Conversation()
        conversation.kind = .direct
        conversation.directKey = directKey(one, other)
        conversation.$creator.id = one
        conversation.createdAt = now
        return conversation
    }

    static func room(named name: String, by creator: UUID, at now: Date) -> Conversation {
        let conversation = Conversation()
        conversation.kind = .room
        conversation.name = name
        conversation.$creator.id = creator
        conversation.createdAt = now
        return conversation
    }

    static func directKey(_ one: UUID, _ other: UUID) -> String {
        let pair = Friendship.pair(one, other)
        return "\(pair.low.uuidString):\(pair.high.uuidString)"
    }
}

/// One player's seat in a conversation, with how far they have read.
final class ConversationMember: Model, @unchecked Sendable {
    static let schema = "conversation_members"

    @ID(key: .id) var id: UUID?

    // data fields
    /// The newest message id this member has seen; 0 before any.
    @Field(key: "last_read_message_id") var lastReadMessageID: Int
    @Field(key: "joined_at") var joinedAt: Date

    // relationships
    @Parent(key: "conversation_id") var conversation: Conversation
    @Parent(key: "user_id") var user: User

    init() {}

    init(conversationID: UUID, userID: UUID, lastRead: Int = 0, at now: Date) {
        self.$conversation.id = conversationID
        self.$user.id = userID
        self.lastReadMessageID = lastRead
        self.joinedAt = now
    }
}

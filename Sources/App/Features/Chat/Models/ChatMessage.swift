import Fluent
import Foundation

/// A message in a conversation: a player's text, or a `system` line the server
/// writes (a member joined; later a game invitation or "your next match"),
/// whose `data` carries what the client needs to render or act on it.
final class ChatMessage: Model, @unchecked Sendable {
    static let schema = "chat_messages"

    enum Kind: String, Codable, Sendable { case text, system }

    @ID(custom: .id, generatedBy: .database) var id: Int?

    // data fields
    @Field(key: "kind") var kind: Kind
    /// Exactly what the sender typed (trimmed); it is only ever shown as text.
    @Field(key: "body") var body: String
    /// JSON object of strings for system messages (`{"event": "member_added", ...}`).
    @OptionalField(key: "data") var data: String?
    @Field(key: "created_at") var createdAt: Date
    /// The sender's key for this message, when their client sent one (one message per sender and key).
    @OptionalField(key: "client_key") var clientKey: String?

    // relationships
    @Parent(key: "conversation_id") var conversation: Conversation
    /// Nil for system messages (and for a deleted account's messages).
    @OptionalParent(key: "sender_id") var sender: User?

    init() {}

    init(conversationID: UUID, senderID: UUID?, kind: Kind, body: String, data: [String: String]? = nil, at now: Date) {
        self.$conversation.id = conversationID
        self.$sender.id = senderID
        self.kind = kind
        self.body = body
        self.data = StringMapColumn.encode(data)
        self.createdAt = now
    }

    var decodedData: [String: String]? { StringMapColumn.decode(data) }
}

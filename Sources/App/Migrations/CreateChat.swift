import Fluent
import SQLKit

/// Conversations (direct or room), their members with read markers, and
/// messages. Message ids are database-assigned integers: they order a
/// conversation and serve as its paging cursor.
struct CreateChat: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .id()
            .field("kind", .string, .required)
            .field("name", .string)
            // "low:high" user ids for a direct conversation: one per pair, even when both open it at once.
            .field("direct_key", .string)
            .field("created_by", .uuid, .references("users", .id, onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("last_message_at", .datetime)
            .unique(on: "direct_key", name: "uq_conversations_direct_key")
            .create()
        try await database.schema("conversation_members")
            .id()
            .field("conversation_id", .uuid, .required, .references("conversations", .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("last_read_message_id", .int, .required)
            .field("joined_at", .datetime, .required)
            .unique(on: "conversation_id", "user_id", name: "uq_conversation_members_pair")
            .create()
        try await database.schema("chat_messages")
            .field(.id, .int, .identifier(auto: true))
            .field("conversation_id", .uuid, .required, .references("conversations", .id, onDelete: .cascade))
            .field("sender_id", .uuid, .references("users", .id, onDelete: .setNull))
            .field("kind", .string, .required)
            .field("body", .string, .required)
            .field("data", .string)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_chat_messages_conversation").on("chat_messages")
                .column("conversation_id").column("id").run()
            try await sql.create(index: "idx_conversation_members_user").on("conversation_members").column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("chat_messages").delete()
        try await database.schema("conversation_members").delete()
        try await database.schema("conversations").delete()
    }
}

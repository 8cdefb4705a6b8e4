import Fluent
import SQLKit

/// The key a client sends with a message, so a retried send (the answer was lost) stores nothing
/// twice: one message per sender and key.
struct AddClientKeyToChatMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("chat_messages").field("client_key", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_chat_messages_client_key").unique().on("chat_messages")
                .column("sender_id").column("client_key").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "idx_chat_messages_client_key").run()
        }
        try await database.schema("chat_messages").deleteField("client_key").update()
    }
}

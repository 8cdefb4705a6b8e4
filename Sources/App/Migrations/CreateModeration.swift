import Fluent
import SQLKit

/// Staff roles (granted from the command line only), players' reports, the moderators' actions
/// (an append-only log), chat mutes, suspensions, and the room senders a player chose to hide.
struct CreateModeration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("user_roles")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("granted_at", .datetime, .required)
            .create()
        try await database.schema("reports")
            .id()
            .field("reporter_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("target_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("text", .string)
            .field("message_id", .int)
            .field("match_id", .uuid)
            .field("tournament_id", .uuid)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .create()
        try await database.schema("moderation_log")
            .field("id", .int, .identifier(auto: true))
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("target_id", .uuid)
            .field("target_name", .string, .required)
            .field("report_id", .uuid)
            .field("reason", .string, .required)
            .field("details", .string)
            .field("at", .datetime, .required)
            .create()
        try await database.schema("chat_mutes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("until", .datetime, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("suspensions")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("until", .datetime)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("hidden_senders")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("hidden_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "hidden_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_reports_status").on("reports").column("status").column("created_at").run()
            try await sql.create(index: "idx_reports_target").on("reports").column("target_id").run()
            try await sql.create(index: "idx_chat_mutes_user").on("chat_mutes").column("user_id").column("until").run()
            try await sql.create(index: "idx_suspensions_user").on("suspensions").column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["hidden_senders", "suspensions", "chat_mutes", "moderation_log", "reports", "user_roles"] {
            try await database.schema(table).delete()
        }
    }
}

import Fluent

/// Single-use links sent by email: password reset and email-address confirmation.
struct CreateEmailTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("email_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("email", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash", name: "uq_email_tokens_token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("email_tokens").delete()
    }
}

import Fluent

struct CreateTOTPCredentials: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("totp_credentials")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("encrypted_secret", .string, .required)
            .field("confirmed_at", .datetime)
            .field("last_used_step", .int64)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", name: "uq_totp_credentials_user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("totp_credentials").delete()
    }
}

import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("username_key", .string, .required)
            .field("email", .string, .required)
            .field("email_key", .string, .required)
            .field("password_hash", .string, .required)
            .field("avatar_file", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username_key", name: "uq_users_username_key")
            .unique(on: "email_key", name: "uq_users_email_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}

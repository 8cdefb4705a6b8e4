import Fluent
import SQLKit

/// Which second factor a user logs in with, and email-address confirmation.
struct AddSecurityFieldsToUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field("two_factor_method", .string, .required, .sql(.default("email")))
            .update()
        try await database.schema("users").field("email_confirmed_at", .datetime).update()
        try await database.schema("users").field("pending_email", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("pending_email").update()
        try await database.schema("users").deleteField("email_confirmed_at").update()
        try await database.schema("users").deleteField("two_factor_method").update()
    }
}

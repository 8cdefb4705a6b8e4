import Fluent
import SQLKit
import Vapor

struct CreateSignupChallenges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("signup_challenges")
            .id()
            .field("token_hash", .string, .required)
            .field("username", .string, .required)
            .field("email", .string, .required)
            .field("email_key", .string, .required)
            .field("password_hash", .string, .required)
            .field("code_hash", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("consumed_at", .datetime)
            .unique(on: "token_hash", name: "uq_signup_challenges_token_hash")
            .create()
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "SQL database required") }
        try await sql.create(index: "idx_signup_challenges_email_key").on("signup_challenges").column("email_key").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("signup_challenges").delete()
    }
}

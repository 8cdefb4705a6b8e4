import Fluent
import SQLKit

struct CreateRecoveryCodes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("recovery_codes")
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "code_hash", name: "uq_recovery_codes_code_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_recovery_codes_user_id").on("recovery_codes").column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recovery_codes").delete()
    }
}

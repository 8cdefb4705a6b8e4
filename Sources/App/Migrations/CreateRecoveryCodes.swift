import Fluent
import SQLKit

struct CreateRecoveryCodes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "code_hash", name: "uq_recovery_codes_code_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_recovery_codes_user_id").on(RecoveryCode.schema).column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema).delete()
    }
}

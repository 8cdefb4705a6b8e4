import Fluent
import SQLKit

/// Bus events too large for a NOTIFY payload wait here for the instances that fetch them by id
/// (PostgreSQL clusters only; the table stays empty on SQLite). The scheduler deletes old rows.
struct CreateBusPayloads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bus_payloads")
            .id()
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_bus_payloads_created").on("bus_payloads").column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bus_payloads").delete()
    }
}

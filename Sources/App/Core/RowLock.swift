import Fluent
import SQLKit
import Vapor

/// Makes "count, then insert if under the limit" one step, on either database: inside a
/// transaction, a no-op UPDATE of the parent row takes PostgreSQL's row lock (concurrent
/// checks for the same parent wait their turn) and SQLite's write lock (taken before the
/// count is read, so no other writer can slip in between; `busy_timeout` makes them wait).
enum RowLock {
    static func lock(_ table: String, id: UUID, touching column: String, in transaction: any Database) async throws {
        let sql = try transaction.sql
        try await sql.update(table)
            .set(SQLIdentifier(column), to: SQLIdentifier(column))
            .where("id", .equal, id)
            .run()
    }
}

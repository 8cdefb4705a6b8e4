import Fluent
import Foundation
import SQLKit
import Vapor

/// Marks a single-use row used in one conditional `UPDATE … WHERE <column> IS NULL RETURNING`:
/// of many concurrent requests with the same code, link or challenge, exactly one gets `true`.
enum SingleUse {
    static func mark(_ table: String, id: UUID, column: String, at date: Date, on db: any Database) async throws -> Bool {
        let sql = try db.sql
        return try await !sql.update(table)
            .set(column, to: date)
            .where("id", .equal, id)
            .where(column, .is, SQLLiteral.null)
            .returning("id")
            .all().isEmpty
    }
}

import Fluent
import SQLKit
import Vapor

extension Database {
    /// The database as SQL, for what Fluent's query builder can't say (conditional updates with
    /// RETURNING, row locks, aggregates). Both drivers this server runs are SQL databases, so this
    /// throws only if a new driver is not.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw Abort(.internalServerError, reason: "SQL database required") }
            return sql
        }
    }
}

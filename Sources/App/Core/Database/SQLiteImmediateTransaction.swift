import FluentKit
import Foundation
import NIOCore
import SQLKit

/// A transaction on SQLite's writer connection that takes the write lock when it begins
/// (`BEGIN IMMEDIATE`): Fluent's deferred `BEGIN` takes it at the first write, and a transaction
/// that has read by then can only fail (SQLITE_BUSY_SNAPSHOT) if another write committed meanwhile.
/// Taking it first means the only statement that can meet a busy database is the `BEGIN` itself,
/// which did nothing and is retried; the work inside runs once.
enum SQLiteImmediateTransaction {
    static func run<T: Sendable>(
        on writer: any Database, until deadline: ContinuousClock.Instant?,
        _ work: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await writer.withConnection { connection in
            let sql = connection as! any SQLDatabase
            try await TransientRetry.run(until: deadline) { try await sql.raw("BEGIN IMMEDIATE").run() }
            do {
                let result = try await work(OpenTransaction(connection: connection))
                // In WAL a commit rarely waits; when it does, the transaction is still open and may try again.
                try await TransientRetry.run(until: nil) { try await sql.raw("COMMIT").run() }
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// The writer's connection inside an open transaction: nested transactions join it.
private struct OpenTransaction: Database, SQLDatabase {
    let connection: any Database
    var context: DatabaseContext { connection.context }
    var inTransaction: Bool { true }
    private var sql: any SQLDatabase { connection as! any SQLDatabase }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        connection.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        connection.execute(schema: schema)
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        connection.execute(enum: `enum`)
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

import FluentKit
import Foundation
import NIOCore
import SQLKit

/// The database every feature sees. On SQLite it sends reads to per-event-loop reader connections
/// and every write, in turn (`WriteGate`), to one writer connection, opening its transactions with
/// `BEGIN IMMEDIATE` so a transaction never fails half-way for want of the lock. On PostgreSQL it
/// forwards everything and runs a transaction again when the server chose it as a deadlock victim
/// or a serialisation failure. Either way a write that meets a busy database is retried with
/// backoff until it is stored or its request's deadline passes (then 503 `server_busy`).
struct WriteSerializingDatabase: Database, SQLDatabase {
    enum Engine: Sendable {
        /// One writer connection and its turn-taking queue.
        case sqlite(writer: any Database, gate: WriteGate)
        /// Concurrent writers; transactions are retried whole.
        case postgres
    }

    let reader: any Database
    let engine: Engine
    let requestWait: Duration
    var context: DatabaseContext { reader.context }
    var inTransaction: Bool { false }

    /// The turn this task is inside, if any: another write from it would wait for itself.
    @TaskLocal static var turnID: UInt64?

    private var deadline: ContinuousClock.Instant? {
        WriteGate.isDurable ? nil : .now + requestWait
    }

    private var readerSQL: any SQLDatabase {
        reader as! any SQLDatabase // both drivers' databases are SQL databases
    }

    // MARK: Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate:
            return reader.execute(query: query, onOutput: onOutput)
        default:
            return writeFuture { try await $0.execute(query: query, onOutput: onOutput).get() }
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        writeFuture { try await $0.execute(schema: schema).get() }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        writeFuture { try await $0.execute(enum: `enum`).get() }
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let deadline = self.deadline
        return eventLoop.makeFutureWithTask {
            switch engine {
            case let .sqlite(writer, gate):
                try await turn(gate, deadline) {
                    try await SQLiteImmediateTransaction.run(on: writer, until: deadline) { try await closure($0).get() }
                }
            case .postgres:
                // A deadlock victim or serialisation failure was rolled back whole: run it again.
                try await TransientRetry.run(until: deadline) { try await reader.transaction(closure).get() }
            }
        }
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        switch engine {
        case .postgres:
            return reader.withConnection(closure)
        case .sqlite:
            // A connection held across statements may write: it is the writer's, in its turn.
            return writeFuture(retrying: false) { try await $0.withConnection(closure).get() }
        }
    }

    // MARK: SQLDatabase

    var dialect: any SQLDialect { readerSQL.dialect }
    var version: (any SQLDatabaseReportedVersion)? { readerSQL.version }
    var queryLogLevel: Logger.Level? { readerSQL.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        if case .sqlite = engine, !Self.onlyReads(serialize(query).sql) {
            return writeFuture { try await ($0 as! any SQLDatabase).execute(sql: query, onRow).get() }
        }
        return readerSQL.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch engine {
        case .postgres:
            return try await readerSQL.withSession(closure)
        case let .sqlite(writer, gate):
            let deadline = self.deadline
            // The session's result only passes back to the caller that asked for it.
            return try await turn(gate, deadline) {
                UncheckedResult(value: try await (writer as! any SQLDatabase).withSession(closure))
            }.value
        }
    }

    /// Raw statements that can't write go to a reader; anything else is a write.
    static func onlyReads(_ sql: String) -> Bool {
        let head = sql.drop(while: { $0.isWhitespace || $0 == "(" }).prefix(8).uppercased()
        return head.hasPrefix("SELECT") || head.hasPrefix("EXPLAIN")
    }

    // MARK: Writes

    private func writeFuture<T: Sendable>(
        retrying: Bool = true, _ work: @escaping @Sendable (any Database) async throws -> T
    ) -> EventLoopFuture<T> {
        let deadline = self.deadline
        return eventLoop.makeFutureWithTask {
            switch engine {
            case let .sqlite(writer, gate):
                // A statement that found the lock taken did nothing: running it again is safe.
                try await turn(gate, deadline) {
                    retrying ? try await TransientRetry.run(until: deadline) { try await work(writer) } : try await work(writer)
                }
            case .postgres:
                try await TransientRetry.run(until: deadline) { try await work(reader) }
            }
        }
    }

    private func turn<T: Sendable>(
        _ gate: WriteGate, _ deadline: ContinuousClock.Instant?, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        // A task started inside a turn inherits its id; only the turn still running is a deadlock.
        if let mine = Self.turnID, await gate.currentTurn == mine {
            // Writing through the shared database from inside a transaction would wait for that
            // transaction forever: such code must use the transaction's database.
            logger.critical("A write waited for its own transaction; use the transaction's database inside it")
            throw WriteInsideTransaction()
        }
        return try await gate.withTurn(deadline: deadline) { turn in
            try await Self.$turnID.withValue(turn) { try await body() }
        }
    }
}

private struct UncheckedResult<Value>: @unchecked Sendable {
    let value: Value
}

struct WriteInsideTransaction: Error, CustomStringConvertible {
    var description: String { "A write was sent to the shared database from inside a transaction" }
}

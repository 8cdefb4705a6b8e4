import FluentKit
import FluentSQLiteDriver
import Foundation
import NIOCore

/// Wraps a driver's configuration so every database Fluent hands out is a `WriteSerializingDatabase`.
struct WriteSerializingConfiguration: DatabaseConfiguration {
    enum Store: Sendable {
        /// SQLite: the same file opened by readers (one connection per event loop) and one writer.
        case sqlite(path: String)
        case postgres(any DatabaseConfiguration)
    }

    let store: Store
    let gate: WriteGate
    var middleware: [any AnyModelMiddleware] = []

    static func factory(_ store: Store, gate: WriteGate) -> DatabaseConfigurationFactory {
        .init { WriteSerializingConfiguration(store: store, gate: gate) }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        switch store {
        case let .sqlite(path):
            let readers = DatabaseConfigurationFactory.sqlite(.file(path)).make()
            // The writer's pool lives on one event loop, so it holds exactly one connection.
            let writerLoop = databases.eventLoopGroup.next()
            let writerGroup = Databases(threadPool: databases.threadPool, on: writerLoop)
            let writer = DatabaseConfigurationFactory.sqlite(.file(path)).make()
            return Driver(
                readers: readers.makeDriver(for: databases), readerConfiguration: readers,
                writer: (writer.makeDriver(for: writerGroup), writer, writerLoop), gate: gate)
        case let .postgres(configuration):
            return Driver(
                readers: configuration.makeDriver(for: databases), readerConfiguration: configuration,
                writer: nil, gate: gate)
        }
    }

    struct Driver: DatabaseDriver {
        let readers: any DatabaseDriver
        let readerConfiguration: any DatabaseConfiguration
        let writer: (driver: any DatabaseDriver, configuration: any DatabaseConfiguration, loop: any EventLoop)?
        let gate: WriteGate

        func makeDatabase(with context: DatabaseContext) -> any Database {
            let reader = readers.makeDatabase(with: context)
            guard let writer else {
                return WriteSerializingDatabase(reader: reader, engine: .postgres, requestWait: gate.limits.requestWait)
            }
            let writerContext = DatabaseContext(
                configuration: writer.configuration, logger: context.logger, eventLoop: writer.loop,
                history: context.history, pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace)
            return WriteSerializingDatabase(
                reader: reader, engine: .sqlite(writer: writer.driver.makeDatabase(with: writerContext), gate: gate),
                requestWait: gate.limits.requestWait)
        }

        func shutdown() {
            readers.shutdown()
            writer?.driver.shutdown()
        }

        func shutdownAsync() async {
            await readers.shutdownAsync()
            await writer?.driver.shutdownAsync()
        }
    }
}

extension WriteSerializingDatabase {
    /// Runs a per-connection setting (a PRAGMA) on this event loop's reader and on the writer.
    func onEachConnection(_ statement: String) async throws {
        try await (reader as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        if case let .sqlite(writer, _) = engine {
            try await (writer as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        }
    }
}

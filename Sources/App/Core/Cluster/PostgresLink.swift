import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// One dedicated PostgreSQL connection outside Fluent's pool, for what a pooled connection can't do:
/// hold a LISTEN, or hold a session-level advisory lock. It reconnects on demand after a failure.
final class PostgresLink: Sendable {
    private let configuration: PostgresConnection.Configuration
    /// The schema the app's tables are in (tests give each app its own).
    private let searchPath: String?
    private let logger: Logger
    private let current = NIOLockedValueBox<PostgresConnection?>(nil)
    private let connecting = AsyncLock()

    init(configuration: PostgresConnection.Configuration, searchPath: String?, logger: Logger) {
        self.configuration = configuration
        self.searchPath = searchPath
        self.logger = logger
    }

    /// The open connection, or a new one.
    func connection() async throws -> PostgresConnection {
        if let open = current.withLockedValue({ $0 }), !open.isClosed { return open }
        return try await connecting.withLock {
            if let open = current.withLockedValue({ $0 }), !open.isClosed { return open }
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                id: Int.random(in: 1...Int(Int32.max)), logger: logger)
            if let searchPath {
                try await connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \"\(searchPath)\""), logger: logger)
            }
            current.withLockedValue { $0 = connection }
            return connection
        }
    }

    /// Whether the connection this link handed out last is still open (a held lock is still held).
    var isOpen: Bool { current.withLockedValue { $0.map { !$0.isClosed } ?? false } }

    func close() async {
        let open = current.withLockedValue { connection -> PostgresConnection? in
            defer { connection = nil }
            return connection
        }
        try? await open?.close()
    }
}

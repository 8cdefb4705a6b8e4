import Fluent
import Foundation
import SQLKit
import Vapor

/// The data folder must exist and be writable before SQLite, the key and avatars go there.
enum DataDirectory {
    static func prepare(_ path: String) throws {
        let probe = URL(fileURLWithPath: path).appendingPathComponent(".write-check-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: probe, contents: Data()) else { throw CocoaError(.fileWriteNoPermission) }
            try FileManager.default.removeItem(atPath: probe)
        } catch {
            throw StartupError.setting("DATA_DIR", path, expected: "a folder this server can create and write to")
        }
    }
}

/// PostgreSQL may come up after us (containers start together): try until `timeout`, backing off.
enum DatabaseReachability {
    static func wait(for db: any Database, upTo timeout: TimeInterval, logger: Logger) async throws {
        let sql = try db.sql
        // A wait, not a rule: the monotonic clock.
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        var delay: TimeInterval = 0.5
        var attempt = 1
        while true {
            do {
                try await sql.raw("SELECT 1").run()
                return
            } catch {
                let reason = describe(error)
                guard ContinuousClock.now + .milliseconds(Int(delay * 1000)) < deadline else {
                    throw StartupError(
                        "PostgreSQL (DATABASE_URL) is unreachable after \(attempt) attempts over \(Int(timeout)) s: \(reason)",
                        exitStatus: 1)
                }
                logger.warning("PostgreSQL is not reachable yet (attempt \(attempt)): \(reason). Retrying in \(delay) s.")
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                delay = min(delay * 2, 5)
                attempt += 1
            }
        }
    }

    /// A short reason, never the connection string (PostgreSQL's own errors hide their details on purpose).
    private static func describe(_ error: any Error) -> String {
        let detail = String(reflecting: error).lowercased()
        if detail.contains("refused") { return "connection refused" }
        if detail.contains("timed out") || detail.contains("timeout") { return "connection timed out" }
        if detail.contains("password") || detail.contains("authentication") { return "the server refused the user name or password" }
        if detail.contains("does not exist") { return "the database does not exist" }
        if detail.contains("resolve") || detail.contains("host") { return "the host could not be found" }
        return "could not connect"
    }
}

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
        guard let sql = db as? any SQLDatabase else { return }
        let deadline = Date().addingTimeInterval(timeout)
        var delay: TimeInterval = 0.5
        var attempt = 1
        while true {
            do {
                try await sql.raw("SELECT 1").run()
                return
            } catch {
                let reason = String(describing: error)
                guard Date().addingTimeInterval(delay) < deadline else {
                    throw StartupError("PostgreSQL (DATABASE_URL) is unreachable after \(attempt) attempts over \(Int(timeout)) s: \(reason)",
                                       exitStatus: 1)
                }
                logger.warning("PostgreSQL is not reachable yet (attempt \(attempt)): \(reason). Retrying in \(delay) s.")
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                delay = min(delay * 2, 5)
                attempt += 1
            }
        }
    }
}

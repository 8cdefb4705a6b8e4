import Foundation
import Logging

/// Finished games whose results are not stored yet, one small file each in `DATA_DIR/journal`.
/// A result is written here before it is stored and removed once it and what follows from it (a
/// tournament step) are stored, so a crash in between loses nothing: at start every entry is
/// stored again. Storing is idempotent (a match closes once), so a replay never counts a game twice.
struct ResultJournal: Sendable {
    let directory: URL

    init(dataDirectory: String) throws {
        directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent("journal", isDirectory: true)
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
    }

    private func file(for id: UUID) -> URL {
        directory.appendingPathComponent("result-\(id.uuidString.lowercased()).json")
    }

    /// Written to a temporary name, flushed to disk, then renamed: an entry is whole or absent.
    func record(_ outcome: GameOutcome) throws {
        let data = try JSONEncoder().encode(outcome)
        let final = file(for: outcome.setup.id)
        let temporary = directory.appendingPathComponent(".\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: temporary)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if rename(temporary.path, final.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    func remove(_ id: UUID) {
        try? FileManager.default.removeItem(at: file(for: id))
    }

    /// Every entry left by an earlier run. An unreadable one is kept aside (renamed `.bad`), never replayed.
    func pending(logger: Logger) -> [GameOutcome] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name -> GameOutcome? in
            let url = directory.appendingPathComponent(name)
            if name.hasPrefix("."), name.hasSuffix(".tmp") {
                try? FileManager.default.removeItem(at: url) // a write cut short: its game had not been recorded
                return nil
            }
            guard name.hasPrefix("result-"), name.hasSuffix(".json") else { return nil }
            do {
                return try JSONDecoder().decode(GameOutcome.self, from: Data(contentsOf: url))
            } catch {
                logger.error("Journal entry \(name) is unreadable and was set aside: \(error)")
                try? FileManager.default.moveItem(at: url, to: url.appendingPathExtension("bad"))
                return nil
            }
        }
    }

    var count: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("result-") && $0.hasSuffix(".json") }.count
    }
}

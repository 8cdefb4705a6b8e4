import Fluent
import Foundation
import Vapor

/// Avatar files live in the data folder, outside `Public/`, under names the
/// server picks; they are only ever served through `AvatarController`.
struct AvatarStore: Sendable {
    static let maximumBytes = 2 * 1024 * 1024
    static let maximumSide = 4096

    let directory: String
    /// Replacing an avatar (write the new file, point the account at it, delete the old one)
    /// runs one at a time, so concurrent uploads can't each keep a file only one row points to.
    private let replacements = AsyncLock()

    init(directory: String) {
        self.directory = directory
    }

    func createDirectory() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Stores `bytes` as the user's one avatar file (nil removes it), removing the file it replaces
    /// in the same step. The account is re-read inside the step: the request's copy may be stale.
    func replace(
        avatarOf userID: UUID, with upload: (bytes: ByteBuffer, format: ImageInspector.Format)?,
        on db: any Database, threadPool: NIOThreadPool
    ) async throws -> User {
        try await replacements.withLock {
            guard let user = try await User.find(userID, on: db) else { throw AppError.unauthenticated }
            let previous = user.avatarFile
            var written: String?
            if let upload {
                let name =
                    "\(SessionToken.generate().prefix(24).lowercased().filter { $0.isLetter || $0.isNumber }).\(upload.format.fileExtension)"
                let bytes = Data(upload.bytes.readableBytesView), target = path(for: name)
                // Blocking file I/O, on the thread pool rather than an event loop.
                try await threadPool.runIfActive { try bytes.write(to: URL(fileURLWithPath: target), options: .atomic) }
                written = name
            }
            user.avatarFile = written
            do {
                try await user.save(on: db)
            } catch {
                if let written { try? FileManager.default.removeItem(atPath: path(for: written)) }
                throw error
            }
            if let previous { try? FileManager.default.removeItem(atPath: path(for: previous)) }
            return user
        }
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(atPath: path(for: name))
    }

    func path(for name: String) -> String {
        // Names come from `save`, never from a client, but refuse anything path-like regardless.
        let safe = name.filter { $0.isLetter || $0.isNumber || $0 == "." }
        return URL(fileURLWithPath: directory).appendingPathComponent(safe).path
    }

    static func format(ofStoredName name: String) -> ImageInspector.Format? {
        switch name.split(separator: ".").last {
        case "png": .png
        case "jpg": .jpeg
        case "gif": .gif
        case "webp": .webp
        default: nil
        }
    }
}

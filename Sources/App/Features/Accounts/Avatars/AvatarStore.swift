import Foundation
import Vapor

/// Avatar files live in the data folder, outside `Public/`, under names the
/// server picks; they are only ever served through `AvatarController`.
struct AvatarStore: Sendable {
    static let maximumBytes = 2 * 1024 * 1024
    static let maximumSide = 4096

    let directory: String

    func createDirectory() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func save(_ bytes: ByteBuffer, as format: ImageInspector.Format, on request: Request) async throws -> String {
        let name = "\(SessionToken.generate().prefix(24).lowercased().filter { $0.isLetter || $0.isNumber }).\(format.fileExtension)"
        try await request.fileio.writeFile(bytes, at: path(for: name))
        return name
    }

    func remove(_ name: String, on request: Request) async throws {
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

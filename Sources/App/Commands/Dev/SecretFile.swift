import Foundation
import Vapor

/// Writes a file only its owner can read (mode 600): the development seeders write live session
/// tokens, which open accounts to whoever reads them. The mode is set before any byte is written
/// (and set again on a file that already existed with another mode).
enum SecretFile {
    static func write(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard fchmod(descriptor, 0o600) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}

extension SecretFile {
    /// A bench seed's one signed-in session: opened for `userID` and its token written to `path`,
    /// for the requests that need a viewer.
    static func writeSessionToken(for userID: UUID, agent: String, at now: Date, to path: String, in app: Application) async throws {
        let token = SessionToken.generate()
        try await UserSession(
            userID: userID, tokenHash: SessionToken.hash(token), userAgent: agent, ipAddress: "127.0.0.1",
            now: now, expiresAt: now.addingTimeInterval(app.config.sessionAbsoluteTimeout)
        ).create(on: app.db)
        try write(token + "\n", to: path)
    }
}

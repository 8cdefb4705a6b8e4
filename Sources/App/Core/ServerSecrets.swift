import Crypto
import Foundation

/// The server's own key, used to pepper password hashes (and, later, to
/// encrypt second-factor secrets). Read from `SECRET_KEY` (base64, 32 bytes)
/// or created once in the data folder with owner-only permissions, so it never
/// lives in git and survives restarts.
struct ServerSecrets: Sendable {
    /// Raw bytes: `SymmetricKey` is not `Sendable` in this swift-crypto version.
    let keyBytes: Data

    static func load(environmentValue: String?, dataDirectory: String) throws -> ServerSecrets {
        if let environmentValue, !environmentValue.isEmpty {
            guard let data = Data(base64Encoded: environmentValue), data.count >= 32 else {
                throw StartupError.setting(
                    "SECRET_KEY", environmentValue,
                    expected: "base64 of at least 32 random bytes (openssl rand -base64 32)")
            }
            return ServerSecrets(keyBytes: data)
        }
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("server.key").path
        if let stored = FileManager.default.contents(atPath: path), stored.count >= 32 {
            return ServerSecrets(keyBytes: stored)
        }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw ServerSecretsError.cannotWrite(path)
        }
        return ServerSecrets(keyBytes: bytes)
    }
}

enum ServerSecretsError: Error, CustomStringConvertible {
    case cannotWrite(String)

    var description: String {
        switch self {
        case let .cannotWrite(path): "Could not create the server key at \(path)"
        }
    }
}

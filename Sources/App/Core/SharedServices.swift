import Vapor

/// Infrastructure every feature shares, built once in `configure` and reached the way Vapor
/// documents: `req.application.mailer`, `.rateLimiter`, `.serverCrypto`.
extension Application {
    private struct MailerKey: StorageKey { typealias Value = Mailer }
    private struct RateLimiterKey: StorageKey { typealias Value = RateLimiter }
    private struct ServerCryptoKey: StorageKey { typealias Value = ServerCrypto }
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }
    private struct ConnectionGateKey: StorageKey { typealias Value = ConnectionGate }
    private struct PasswordHashingKey: StorageKey { typealias Value = PasswordHashingPool }

    /// The threads that hash passwords, and how many hashes wait for them.
    var passwordHashing: PasswordHashingPool {
        get { required(storage[PasswordHashingKey.self], "passwordHashing") }
        set { storage[PasswordHashingKey.self] = newValue }
    }

    /// Sends every email (console, file or SMTP, as configured).
    var mailer: Mailer {
        get { required(storage[MailerKey.self], "mailer") }
        set { storage[MailerKey.self] = newValue }
    }

    /// Every throttle and flood limit (in-process today; a shared store would replace it for several instances).
    var rateLimiter: RateLimiter {
        get { required(storage[RateLimiterKey.self], "rateLimiter") }
        set { storage[RateLimiterKey.self] = newValue }
    }

    /// Keyed hashes and encryption with the server key.
    var serverCrypto: ServerCrypto {
        get { required(storage[ServerCryptoKey.self], "serverCrypto") }
        set { storage[ServerCryptoKey.self] = newValue }
    }

    /// The queue of database writes (SQLite's one writer); health reports its length.
    var writeGate: WriteGate {
        get { required(storage[WriteGateKey.self], "writeGate") }
        set { storage[WriteGateKey.self] = newValue }
    }

    /// The cap on open connections (each holds a file); the WebSocket upgrade marks its own.
    var connectionGate: ConnectionGate {
        get { required(storage[ConnectionGateKey.self], "connectionGate") }
        set { storage[ConnectionGateKey.self] = newValue }
    }

    private func required<Value>(_ value: Value?, _ name: String) -> Value {
        guard let value else { fatalError("configure(_:) sets app.\(name) first") }
        return value
    }
}

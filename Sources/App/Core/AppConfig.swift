import NIOCore
import Vapor

/// Everything configurable, read once from the environment with safe defaults.
/// The README lists each variable.
struct AppConfig: Sendable {
    var host: String
    var port: Int
    /// Folder for the SQLite file, the server key and uploaded avatars.
    var dataDirectory: String
    /// `postgres://…` switches from SQLite to PostgreSQL.
    var databaseURL: String?
    /// The site's public address, e.g. `https://pong.example`; decides `Secure` cookies and HSTS.
    var publicURL: String?
    var bcryptCost: Int
    var sessionIdleTimeout: TimeInterval
    var sessionAbsoluteTimeout: TimeInterval
    /// The From of every email.
    var mailSender: String
    /// `console` (default), `smtp` (default when SMTP_URL is set) or `file`.
    var mailTransport: String
    var smtpURL: String?
    var smtpTrustedCertificateFile: String?
    var smtpTimeout: TimeInterval
    var mailDirectory: String
    /// Live games one account may host at once (the load benchmark raises it).
    var liveGamesPerUser: Int
    /// HTTP requests served at once; past it a request is refused with 503 at once rather than
    /// queued until it times out (health checks and WebSockets already open are not counted).
    var requestsInFlight = 256
    /// Database writes that may wait their turn (SQLite's one writer); past it a request gets 503.
    var writeQueueLength = 512
    /// Accounts one address may create per 10 minutes (the browser suite, all on 127.0.0.1, raises it).
    var signupsPerAddress = 20

    /// Where emailed links point: PUBLIC_URL, or this server's own address. Never the
    /// request's Host header, which a client could forge to steal reset links.
    var baseURL: String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
    }

    var servesHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    var trustedOrigins: Set<String> {
        guard let publicURL, let url = URL(string: publicURL), let scheme = url.scheme, let host = url.host else { return [] }
        return [url.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"]
    }

    /// An HTTP connection idle this long (nothing read, nothing written) is closed: silent
    /// clients and half-sent requests can't hold a file descriptor for ever. WebSockets are
    /// never idle this long while alive: the server pings every 10 s.
    static let connectionIdleTimeout = TimeAmount.seconds(30)

    /// How long to keep trying an unreachable PostgreSQL at start before giving up.
    var databaseConnectTimeout: TimeInterval = 30
    /// WebSockets per account, per client address and in all.
    var socketLimits = ConnectedUsers.Limits()
    /// The server pings each WebSocket this often; a socket that missed one pong is closed.
    var socketPingInterval = TimeAmount.seconds(10)
    /// This instance's name in a cluster (logs, `/api/health`, the bus); generated when unset.
    var instanceID = AppConfig.generatedInstanceID()
    /// Where the other instances reach this one (game relays): `http://host:port`. Unset, it is
    /// this machine's loopback at the port the server listens on (every instance on one machine).
    var instanceURL: String?
    /// `text` (default) or `json`: one structured line per request either way.
    var logFormat = LogFormat.text
    /// A bearer token that opens `/metrics` to a scraper that is not on this machine.
    var metricsToken: String?
    /// Proxies (nginx) whose `X-Real-IP` names the client: every per-address limit counts that address.
    var trustedProxies: Set<String> = []
    /// Uploaded avatars (default `DATA_DIR/avatars`): storage every instance of a cluster shares.
    var avatarDirectory: String?
    /// Test-only: every tick's true state streamed beside the keyframes (`LiveGame.Timing.streamsTruth`).
    var gameTruthStream = false

    enum LogFormat: String, Sendable { case text, json }

    static func generatedInstanceID() -> String {
        "i-" + String(UUID().uuidString.lowercased().prefix(8))
    }

    /// Reads and checks every setting; the first bad one throws a `StartupError` naming it.
    static func fromEnvironment() throws -> AppConfig {
        var settings = EnvironmentSettings { Environment.get($0) }
        return try fromSettings(&settings)
    }

    static func fromSettings(_ env: inout EnvironmentSettings) throws -> AppConfig {
        var config = AppConfig(
            host: try env.string("HOST", default: "127.0.0.1", expected: "an address to listen on, like 127.0.0.1 or 0.0.0.0") {
                !$0.contains(where: \.isWhitespace) && !$0.contains("/")
            },
            port: try env.integer("PORT", default: 8080, in: 1...65_535),
            dataDirectory: try env.string("DATA_DIR", default: "data", expected: "a folder path") { _ in true },
            databaseURL: try env.optional("DATABASE_URL", expected: "postgres://user:password@host:5432/database") {
                guard let url = URL(string: $0), let scheme = url.scheme?.lowercased() else { return false }
                return ["postgres", "postgresql"].contains(scheme) && !(url.host ?? "").isEmpty
            },
            publicURL: try env.optional("PUBLIC_URL", expected: "the site's address, like https://pong.example.com") {
                guard let url = URL(string: $0), let scheme = url.scheme?.lowercased() else { return false }
                return ["http", "https"].contains(scheme) && !(url.host ?? "").isEmpty
            },
            // Cost 12 is the floor in SECURITY.md; past 16 a login takes seconds. Tests override it below 12.
            bcryptCost: try env.integer("BCRYPT_COST", default: 12, in: 12...16),
            sessionIdleTimeout: TimeInterval(try env.integer("SESSION_IDLE_DAYS", default: 14, in: 1...365)) * 86_400,
            sessionAbsoluteTimeout: TimeInterval(try env.integer("SESSION_MAX_DAYS", default: 60, in: 1...365)) * 86_400,
            mailSender: try env.string(
                "MAIL_FROM", default: "Transcendence <no-reply@transcendence.local>",
                expected: "a sender like Transcendence <no-reply@example.com>"
            ) {
                let parts = MailAddress.bare($0).split(separator: "@", omittingEmptySubsequences: false)
                return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !$0.contains(where: \.isNewline)
            },
            mailTransport: "console",
            smtpURL: try env.optional("SMTP_URL", expected: "smtp://user:password@host:587 or smtps://user:password@host:465") {
                (try? SMTPConfiguration(url: $0)) != nil
            },
            smtpTrustedCertificateFile: try env.optional("SMTP_CA_FILE", expected: "a readable PEM file") {
                FileManager.default.isReadableFile(atPath: $0)
            },
            smtpTimeout: TimeInterval(try env.integer("SMTP_TIMEOUT_SECONDS", default: 10, in: 1...300)),
            mailDirectory: try env.string("MAIL_DIR", default: "data/mail", expected: "a folder path") { _ in true },
            liveGamesPerUser: try env.integer("LIVE_GAMES_PER_USER", default: 3, in: 1...1_000_000)
        )
        config.signupsPerAddress = try env.integer("SIGNUPS_PER_ADDRESS", default: 20, in: 1...1_000_000)
        config.mailTransport = try env.string(
            "MAIL_TRANSPORT", default: config.smtpURL == nil ? "console" : "smtp",
            expected: "console, smtp or file"
        ) { ["console", "smtp", "file"].contains($0) }
        if config.mailTransport == "smtp", config.smtpURL == nil {
            throw StartupError.setting("MAIL_TRANSPORT", "smtp", expected: "SMTP_URL to be set as well")
        }
        if config.sessionIdleTimeout > config.sessionAbsoluteTimeout {
            throw StartupError.setting(
                "SESSION_IDLE_DAYS", String(Int(config.sessionIdleTimeout / 86_400)),
                expected: "no more than SESSION_MAX_DAYS (\(Int(config.sessionAbsoluteTimeout / 86_400)))")
        }
        config.requestsInFlight = try env.integer("REQUESTS_IN_FLIGHT", default: 256, in: 1...1_000_000)
        config.writeQueueLength = try env.integer("WRITE_QUEUE_LENGTH", default: 512, in: 1...1_000_000)
        config.databaseConnectTimeout = TimeInterval(try env.integer("DATABASE_CONNECT_SECONDS", default: 30, in: 0...3_600))
        let defaults = ConnectedUsers.Limits()
        config.socketLimits = ConnectedUsers.Limits(
            socketsPerUser: try env.integer("SOCKETS_PER_USER", default: defaults.socketsPerUser, in: 1...1_000_000),
            socketsPerAddress: try env.integer("SOCKETS_PER_ADDRESS", default: defaults.socketsPerAddress, in: 1...1_000_000),
            socketsInTotal: try env.integer("SOCKETS_TOTAL", default: defaults.socketsInTotal, in: 1...10_000_000))
        config.instanceID = try env.string(
            "INSTANCE_ID", default: config.instanceID, expected: "1 to 40 letters, digits, dots, dashes or underscores"
        ) { $0.count <= 40 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } }
        config.instanceURL = try env.optional("INSTANCE_URL", expected: "an http:// address like http://10.0.0.5:8080") {
            guard let url = URL(string: $0), url.scheme == "http", url.host != nil, url.path.isEmpty || url.path == "/" else {
                return false
            }
            return url.query == nil
        }.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        config.logFormat =
            try env.optional("LOG_FORMAT", expected: "text or json") { LogFormat(rawValue: $0) != nil }
            .flatMap(LogFormat.init(rawValue:)) ?? .text
        config.metricsToken = try env.optional("METRICS_TOKEN", expected: "at least 16 characters, no spaces") {
            $0.count >= 16 && !$0.contains(where: \.isWhitespace)
        }
        config.avatarDirectory = try env.optional("AVATAR_DIR", expected: "a folder path") { _ in true }
        config.gameTruthStream = try env.integer("GAME_TRUTH_STREAM", default: 0, in: 0...1) == 1
        config.trustedProxies = Set(
            try env.optional("TRUSTED_PROXIES", expected: "comma-separated addresses, like 127.0.0.1,::1") {
                $0.split(separator: ",", omittingEmptySubsequences: false).allSatisfy {
                    let address = $0.trimmingCharacters(in: .whitespaces)
                    return !address.isEmpty && !address.contains(where: \.isWhitespace)
                }
            }?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
        return config
    }
}

/// Reads environment variables for `AppConfig`: empty counts as unset, and a value
/// that doesn't fit throws a `StartupError` naming the variable, the value and what was expected.
struct EnvironmentSettings {
    let lookup: (String) -> String?

    func raw(_ name: String) -> String? {
        lookup(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func string(_ name: String, default fallback: String, expected: String, valid: (String) -> Bool) throws -> String {
        try optional(name, expected: expected, valid: valid) ?? fallback
    }

    func optional(_ name: String, expected: String, valid: (String) -> Bool) throws -> String? {
        guard let value = raw(name) else { return nil }
        guard valid(value) else { throw StartupError.setting(name, value, expected: expected) }
        return value
    }

    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value = raw(name) else { return fallback }
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw StartupError.setting(name, value, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

extension Application {
    private struct ConfigKey: StorageKey {
        typealias Value = AppConfig
    }

    var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:) sets the AppConfig first") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}

extension Request {
    var config: AppConfig { application.config }
}

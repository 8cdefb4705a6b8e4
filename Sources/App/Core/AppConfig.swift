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

    static func fromEnvironment() -> AppConfig {
        func value(_ name: String) -> String? {
            Environment.get(name).flatMap { $0.isEmpty ? nil : $0 }
        }
        return AppConfig(
            host: value("HOST") ?? "127.0.0.1",
            port: value("PORT").flatMap(Int.init) ?? 8080,
            dataDirectory: value("DATA_DIR") ?? "data",
            databaseURL: value("DATABASE_URL"),
            publicURL: value("PUBLIC_URL"),
            // Cost 12 is the floor in SECURITY.md; only tests may go lower (see AppTests).
            bcryptCost: max(12, value("BCRYPT_COST").flatMap(Int.init) ?? 12),
            sessionIdleTimeout: TimeInterval(value("SESSION_IDLE_DAYS").flatMap(Int.init) ?? 14) * 86_400,
            sessionAbsoluteTimeout: TimeInterval(value("SESSION_MAX_DAYS").flatMap(Int.init) ?? 60) * 86_400,
            mailSender: value("MAIL_FROM") ?? "Transcendence <no-reply@transcendence.local>",
            mailTransport: value("MAIL_TRANSPORT") ?? (value("SMTP_URL") == nil ? "console" : "smtp"),
            smtpURL: value("SMTP_URL"),
            smtpTrustedCertificateFile: value("SMTP_CA_FILE"),
            smtpTimeout: TimeInterval(value("SMTP_TIMEOUT_SECONDS").flatMap(Int.init) ?? 10),
            mailDirectory: value("MAIL_DIR") ?? "data/mail",
            liveGamesPerUser: max(1, value("LIVE_GAMES_PER_USER").flatMap(Int.init) ?? 3)
        )
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

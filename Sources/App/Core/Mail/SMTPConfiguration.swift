import Foundation

/// Where and how to reach the SMTP server, from `SMTP_URL`:
/// `smtp://user:pass@host:587` (STARTTLS; required whenever credentials are
/// given, so a password never crosses the network in clear) or
/// `smtps://user:pass@host:465` (TLS from the first byte).
struct SMTPConfiguration: Sendable, Equatable {
    enum Security: Sendable, Equatable {
        case startTLS
        case implicitTLS
    }

    var host: String
    var port: Int
    var username: String?
    var password: String?
    var security: Security
    /// Extra trusted certificate (PEM), e.g. a private relay's own CA.
    var trustedCertificateFile: String?
    /// Limit for the whole conversation, so a slow server never holds a request for long.
    var timeout: TimeInterval = 10

    init(
        host: String, port: Int, username: String? = nil, password: String? = nil, security: Security,
        trustedCertificateFile: String? = nil, timeout: TimeInterval = 10
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.trustedCertificateFile = trustedCertificateFile
        self.timeout = timeout
    }

    init(url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw SMTPError.invalidConfiguration("SMTP_URL must look like smtp://user:password@host:587")
        }
        switch scheme {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw SMTPError.invalidConfiguration("SMTP_URL must start with smtp:// or smtps://")
        }
        self.host = host
        self.port = components.port ?? (security == .implicitTLS ? 465 : 587)
        self.username = components.user?.removingPercentEncoding
        self.password = components.password?.removingPercentEncoding
    }
}

import Vapor

struct Email: Sendable, Equatable {
    let to: String
    let subject: String
    /// Plain text; transports that send HTML derive it from this.
    let body: String
    /// What the words are written in: the HTML version says so, and lays Arabic out right to left.
    var language = Localizer.english
}

extension Email {
    /// An email written in English where it is composed, sent in `language` (nil: English).
    init(to: String, subject: String, body: String, writtenIn language: String?) {
        let localizer = Localizer.shared, language = language ?? Localizer.english
        self.init(
            to: to, subject: localizer.translate(subject, to: language), body: localizer.translate(body, to: language),
            language: localizer.supports(language) ? language : Localizer.english)
    }
}

/// Where emails go. `console` prints them (development, like Django's console
/// backend); the SMTP and file transports arrive with the security issue.
protocol MailTransport: Sendable {
    func send(_ email: Email, from sender: String) async throws
}

struct ConsoleMailTransport: MailTransport {
    let logger: Logger

    func send(_ email: Email, from sender: String) async throws {
        logger.notice("\(Logger.Message(stringLiteral: Self.render(email, from: sender)))")
    }

    static func render(_ email: Email, from sender: String) -> String {
        """
        ── email (console transport) ──────────────────────────
        From: \(sender)
        To: \(email.to)
        Subject: \(email.subject)

        \(email.body)
        ───────────────────────────────────────────────────────
        """
    }
}

/// Sends through the configured transport. A failure is logged and thrown,
/// never silently swallowed.
struct Mailer: Sendable {
    let transport: any MailTransport
    let sender: String

    func send(_ email: Email, logger: Logger) async throws {
        do {
            try await transport.send(email, from: sender)
            AppMetrics.mailSent.increment()
        } catch {
            AppMetrics.mailFailed.increment()
            logger.error("Could not send \"\(email.subject)\" to \(email.to): \(String(reflecting: error))")
            throw error
        }
    }

    /// Sends after the answer, so a slow mail server never delays it and the timing reveals
    /// nothing; a failure is logged.
    func sendInBackground(_ email: Email, logger: Logger) {
        Task { try? await send(email, logger: logger) }
    }
}

import Foundation

@testable import App

/// Keeps sent emails in memory so tests can read them. Real SMTP delivery is
/// tested against a real server with the SMTP transport (issue 3).
actor RecordingMailTransport: MailTransport {
    private(set) var sent: [Email] = []

    var failing = false

    func send(_ email: Email, from sender: String) async throws {
        if failing { throw SMTPError.timedOut }
        sent.append(email)
    }

    func setFailing(_ value: Bool) { failing = value }

    func clear() { sent.removeAll() }

    /// Emails sent after the response (in the background) arrive a moment later.
    func waitForEmail(to address: String, subject subjectPart: String) async throws -> Email {
        for _ in 0..<200 {
            if let email = sent.last(where: { $0.to == address && $0.subject.contains(subjectPart) }) { return email }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestSetupError("no email \"\(subjectPart)\" to \(address)")
    }

    static func link(in email: Email) -> String? {
        email.body.split(separator: "\n").map(String.init).first { $0.hasPrefix("http") }
    }

    static func token(in email: Email) -> String? {
        link(in: email).flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "token" }?.value }
    }

    /// The code of the newest login-code email.
    func latestLoginCode() -> String? {
        guard let subject = sent.last(where: { $0.subject.contains("login code") })?.subject else { return nil }
        return String(subject.suffix(6))
    }

    /// The code of the newest sign-up email to an address.
    func latestSignupCode(to address: String) -> String? {
        guard let subject = sent.last(where: { $0.to == address && $0.subject.contains("sign-up code") })?.subject else { return nil }
        return String(subject.suffix(6))
    }
}

@testable import App

/// Keeps sent emails in memory so tests can read them. Real SMTP delivery is
/// tested against a real server with the SMTP transport (issue 3).
actor RecordingMailTransport: MailTransport {
    private(set) var sent: [Email] = []

    func send(_ email: Email, from sender: String) async throws {
        sent.append(email)
    }
}

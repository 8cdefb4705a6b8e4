import Foundation
import NIOCore

/// Real delivery through an SMTP server.
struct SMTPMailTransport: MailTransport {
    let client: SMTPClient
    /// For the Date header.
    var clock: AppClock = .system

    func send(_ email: Email, from sender: String) async throws {
        try await client.send(message: MIMEMessage.render(email, from: sender, date: clock.now), from: sender, to: [email.to])
    }
}

/// Each message written as an `.eml` file, for inspection in a mail client.
struct FileMailTransport: MailTransport {
    let directory: String
    /// For the Date header and the file's name.
    var clock: AppClock = .system

    func send(_ email: Email, from sender: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = clock.now
        let stamp = Int(now.timeIntervalSince1970 * 1000)
        let name = "\(stamp)-\(UUID().uuidString.prefix(8).lowercased()).eml"
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name)
        try Data(MIMEMessage.render(email, from: sender, date: now).utf8).write(to: path, options: .atomic)
    }
}

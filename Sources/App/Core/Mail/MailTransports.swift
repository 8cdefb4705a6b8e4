import Foundation
import NIOCore

/// Real delivery through an SMTP server.
struct SMTPMailTransport: MailTransport {
    let client: SMTPClient

    func send(_ email: Email, from sender: String) async throws {
        try await client.send(message: MIMEMessage.render(email, from: sender), from: sender, to: [email.to])
    }
}

/// Each message written as an `.eml` file, for inspection in a mail client.
struct FileMailTransport: MailTransport {
    let directory: String

    func send(_ email: Email, from sender: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let name = "\(stamp)-\(UUID().uuidString.prefix(8).lowercased()).eml"
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name)
        try Data(MIMEMessage.render(email, from: sender).utf8).write(to: path, options: .atomic)
    }
}

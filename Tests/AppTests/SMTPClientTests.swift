import Foundation
import NIOPosix
import Testing
import Vapor

@testable import App

/// The SMTP client against a real SMTP server (aiosmtpd on loopback).
@Suite(.serialized) struct SMTPClientTests {
    let email = Email(
        to: "Player <player@example.com>", subject: "Your code: ünïcode ✓", body: "Hello!\n\n.a line starting with a dot\n\n123456")

    private func client(_ port: Int, url: String? = nil, trust cert: String? = nil, timeout: TimeInterval = 30) throws -> SMTPMailTransport
    {
        var configuration = try SMTPConfiguration(url: url ?? "smtp://127.0.0.1:\(port)")
        configuration.trustedCertificateFile = cert
        configuration.timeout = timeout
        return SMTPMailTransport(client: SMTPClient(configuration: configuration, group: MultiThreadedEventLoopGroup.singleton))
    }

    @Test func deliversAMultipartMessage() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await client(sink.port).send(email, from: "Transcendence <no-reply@transcendence.test>")
        let message = try #require(sink.messages.first)
        #expect(message.mail_from == "no-reply@transcendence.test")
        #expect(message.rcpt_tos == ["player@example.com"])
        #expect(message.data.contains("multipart/alternative"))
        #expect(message.data.contains("Subject: =?UTF-8?B?"))
        #expect(message.data.contains("text/html; charset=utf-8"))
        let plain = try #require(Self.firstBase64Part(of: message.data))
        #expect(plain == email.body, "dot-stuffing must be undone by the server")
    }

    @Test func upgradesWithSTARTTLSAndAuthenticates() async throws {
        let cert = try TestCertificate.make()
        let sink = try SMTPSink(arguments: ["--cert", cert.certificate, "--key", cert.key, "--auth", "mailer:s3cret pass"])
        defer { sink.stop() }
        try await client(sink.port, url: "smtp://mailer:s3cret%20pass@127.0.0.1:\(sink.port)", trust: cert.certificate)
            .send(email, from: "no-reply@transcendence.test")
        let message = try #require(sink.messages.first)
        #expect(message.tls)
        #expect(message.login == "mailer")
    }

    @Test func speaksImplicitTLS() async throws {
        let cert = try TestCertificate.make()
        let sink = try SMTPSink(arguments: ["--cert", cert.certificate, "--key", cert.key, "--implicit-tls", "--auth", "mailer:pw"])
        defer { sink.stop() }
        try await client(sink.port, url: "smtps://mailer:pw@127.0.0.1:\(sink.port)", trust: cert.certificate)
            .send(email, from: "no-reply@transcendence.test")
        #expect(sink.messages.count == 1)
    }

    @Test func reportsWrongCredentials() async throws {
        let cert = try TestCertificate.make()
        let sink = try SMTPSink(arguments: ["--cert", cert.certificate, "--key", cert.key, "--auth", "mailer:right"])
        defer { sink.stop() }
        await #expect(throws: SMTPError.self) {
            try await client(sink.port, url: "smtp://mailer:wrong@127.0.0.1:\(sink.port)", trust: cert.certificate)
                .send(email, from: "no-reply@transcendence.test")
        }
        #expect(sink.messages.isEmpty)
    }

    @Test func refusesToSendCredentialsInClear() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        await #expect(throws: SMTPError.startTLSUnavailable) {
            try await client(sink.port, url: "smtp://mailer:pw@127.0.0.1:\(sink.port)").send(email, from: "a@transcendence.test")
        }
    }

    @Test func rejectsAnUntrustedCertificate() async throws {
        let cert = try TestCertificate.make()
        let sink = try SMTPSink(arguments: ["--cert", cert.certificate, "--key", cert.key])
        defer { sink.stop() }
        await #expect(throws: SMTPError.self) {
            try await client(sink.port).send(email, from: "a@transcendence.test")
        }
        #expect(sink.messages.isEmpty)
    }

    @Test func reportsAServerThatHangsUp() async throws {
        let sink = try SMTPSink(arguments: ["--mode", "drop"])
        defer { sink.stop() }
        await #expect(throws: SMTPError.connectionClosed(during: "EHLO")) {
            try await client(sink.port).send(email, from: "a@transcendence.test")
        }
    }

    @Test func givesUpOnASilentServerAtTheDeadline() async throws {
        let sink = try SMTPSink(arguments: ["--mode", "silent"])
        defer { sink.stop() }
        let started = ContinuousClock.now
        await #expect(throws: SMTPError.timedOut) {
            try await client(sink.port, timeout: 1).send(email, from: "a@transcendence.test")
        }
        // A 1-s deadline, not the silent server, ended it: a loaded machine may take a few seconds
        // more to get there, never the half minute a hang would.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func reportsARefusedConnection() async throws {
        await #expect(throws: SMTPError.self) {
            try await client(1).send(email, from: "a@transcendence.test")
        }
    }

    @Test func parsesSMTPURLs() throws {
        let plain = try SMTPConfiguration(url: "smtp://u%40x:p%3Aw@mail.example.com")
        #expect(plain == SMTPConfiguration(host: "mail.example.com", port: 587, username: "u@x", password: "p:w", security: .startTLS))
        #expect(try SMTPConfiguration(url: "smtps://mail.example.com").port == 465)
        #expect(throws: SMTPError.self) { try SMTPConfiguration(url: "http://mail.example.com") }
    }

    private static func firstBase64Part(of message: String) -> String? {
        let normalized = message.replacingOccurrences(of: "\r\n", with: "\n")
        guard let range = normalized.range(of: "Content-Transfer-Encoding: base64\n\n") else { return nil }
        let rest = normalized[range.upperBound...]
        let encoded = rest.prefix { $0 != "-" }.replacingOccurrences(of: "\n", with: "")
        return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }
    }
}

@Suite struct MailConfigurationTests {
    @Test func fileTransport_writesAnEmlFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await FileMailTransport(directory: folder).send(Email(to: "a@example.com", subject: "Hi", body: "Body"), from: "t@x.io")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        let text = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
        #expect(text.contains("To: a@example.com\r\n"))
        #expect(text.contains("Subject: Hi\r\n"))
    }

    @Test func smtpWithoutAURL_isAClearStartupError() throws {
        var config = try AppConfig.fromEnvironment()
        config.mailTransport = "smtp"
        config.smtpURL = nil
        #expect(throws: SMTPError.invalidConfiguration("MAIL_TRANSPORT=smtp needs SMTP_URL")) {
            try Mailer.configured(config, clock: .system, logger: Logger(label: "test"))
        }
    }
}

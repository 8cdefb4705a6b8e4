import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS or implicit TLS,
/// AUTH PLAIN/LOGIN, one message per connection, and a deadline on the whole
/// conversation. No Swift SMTP library is available to us, hence this.
struct SMTPClient: Sendable {
    let configuration: SMTPConfiguration
    let group: any EventLoopGroup
    /// The name we greet with.
    var heloName = "transcendence.local"

    func send(message: String, from sender: String, to recipients: [String]) async throws {
        let tls = try makeTLSContext()
        let deadline = ContinuousClock.now + .milliseconds(Int(configuration.timeout * 1000))
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.milliseconds(Int64(configuration.timeout * 1000)))
                .connect(host: configuration.host, port: configuration.port) { [configuration] channel in
                    channel.eventLoop.makeCompletedFuture {
                        if configuration.security == .implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(configuration.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch let error as ChannelError where error == .connectTimeout(.milliseconds(Int64(configuration.timeout * 1000))) {
            throw SMTPError.timedOut
        } catch {
            throw SMTPError.connectionFailed(String(describing: error))
        }
        // Closing the channel at the deadline ends any read in progress.
        let timer = channel.channel.eventLoop.scheduleTask(deadline: .now() + .milliseconds(Int64(configuration.timeout * 1000))) {
            channel.channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                try await converse(
                    &session, channel: channel.channel, tls: tls, message: message,
                    sender: MailAddress.bare(sender), recipients: recipients.map(MailAddress.bare))
            }
        } catch let error as SMTPError {
            if case .connectionClosed = error, ContinuousClock.now >= deadline { throw SMTPError.timedOut }
            throw error
        } catch {
            if ContinuousClock.now >= deadline { throw SMTPError.timedOut }
            throw SMTPError.connectionFailed(String(describing: error))
        }
    }

    private func converse(
        _ session: inout SMTPSession, channel: any Channel, tls: NIOSSLContext,
        message: String, sender: String, recipients: [String]
    ) async throws {
        try await session.expect(220, during: "the greeting")
        var extensions = try await session.command("EHLO \(heloName)", expect: 250, during: "EHLO")
        var encrypted = configuration.security == .implicitTLS
        let hasCredentials = configuration.username != nil
        if !encrypted, extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
            _ = try await session.command("STARTTLS", expect: 220, during: "STARTTLS")
            let hostname = Self.sniName(configuration.host)
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: hostname),
                    position: .first)
            }.get()
            encrypted = true
            extensions = try await session.command("EHLO \(heloName)", expect: 250, during: "EHLO after STARTTLS")
        }
        if hasCredentials {
            guard encrypted else { throw SMTPError.startTLSUnavailable }
            try await authenticate(&session, extensions: extensions)
        }
        _ = try await session.command("MAIL FROM:<\(sender)>", expect: 250, during: "MAIL FROM")
        for recipient in recipients {
            _ = try await session.command("RCPT TO:<\(recipient)>", expect: 250, during: "RCPT TO")
        }
        _ = try await session.command("DATA", expect: 354, during: "DATA")
        _ = try await session.command(Self.dotStuffed(message) + "\r\n.", expect: 250, during: "the message")
        try? await session.write("QUIT")
    }

    private func authenticate(_ session: inout SMTPSession, extensions: [String]) async throws {
        let mechanisms = extensions.filter { $0.uppercased().hasPrefix("AUTH") }
            .flatMap { $0.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).dropFirst() }
        let user = configuration.username ?? "", password = configuration.password ?? ""
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        do {
            if mechanisms.contains("PLAIN") {
                _ = try await session.command("AUTH PLAIN \(base64("\u{0}\(user)\u{0}\(password)"))", expect: 235, during: "AUTH PLAIN")
            } else if mechanisms.contains("LOGIN") {
                _ = try await session.command("AUTH LOGIN", expect: 334, during: "AUTH LOGIN")
                _ = try await session.command(base64(user), expect: 334, during: "AUTH LOGIN username")
                _ = try await session.command(base64(password), expect: 235, during: "AUTH LOGIN password")
            } else {
                throw SMTPError.authenticationUnavailable
            }
        } catch let SMTPError.unexpectedReply(code, text, _) where (500...599).contains(code) {
            throw SMTPError.authenticationFailed("\(code) \(text)")
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let file = configuration.trustedCertificateFile {
            tls.additionalTrustRoots = [.file(file)]
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError.invalidConfiguration("TLS: \(error)")
        }
    }

    /// SNI takes names only; for an IP address NIOSSL checks the certificate against the peer's address.
    static func sniName(_ host: String) -> String? {
        host.contains(":") || host.split(separator: ".").allSatisfy({ Int($0) != nil }) ? nil : host
    }

    /// Lines starting with a dot get a second one (RFC 5321 §4.5.2), line endings become CRLF.
    static func dotStuffed(_ message: String) -> String {
        message.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }
}

/// Reads multi-line replies and writes commands on one connection.
struct SMTPSession {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    mutating func write(_ line: String) async throws {
        try await outbound.write(ByteBuffer(string: line + "\r\n"))
    }

    /// Sends a command and returns the reply's text lines when its code is the expected one.
    mutating func command(_ line: String, expect code: Int, during step: String) async throws -> [String] {
        try await write(line)
        return try await expect(code, during: step)
    }

    @discardableResult
    mutating func expect(_ expected: Int, during step: String) async throws -> [String] {
        var texts: [String] = []
        while true {
            guard var buffer = try await inbound.next() else { throw SMTPError.connectionClosed(during: step) }
            let line = (buffer.readString(length: buffer.readableBytes) ?? "").trimmingCharacters(in: .newlines)
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPError.unexpectedReply(code: 0, text: String(line.prefix(200)), during: step)
            }
            texts.append(String(line.dropFirst(4)))
            let isLast = line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " "
            guard isLast else { continue }
            guard code == expected else {
                throw SMTPError.unexpectedReply(code: code, text: texts.joined(separator: " ").prefix(200).description, during: step)
            }
            return texts
        }
    }
}

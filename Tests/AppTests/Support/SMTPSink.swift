import Foundation

/// Starts `scripts/smtp_sink.py` (aiosmtpd, from the venv `make test` builds)
/// and reads back the messages it accepted.
final class SMTPSink {
    struct Message: Decodable {
        let mail_from: String
        let rcpt_tos: [String]
        let tls: Bool
        let login: String?
        let data: String
    }

    let port: Int
    let maildir: URL
    private let process: Process

    init(arguments: [String] = []) throws {
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)")
        let python = ProcessInfo.processInfo.environment["TEST_PYTHON"] ?? ".venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestSetupError("No Python with aiosmtpd at \(python): run `make deps` first")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["scripts/smtp_sink.py", "--maildir", maildir.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestSetupError("the SMTP sink exited before it was ready") }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = line.split(separator: " ").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            throw TestSetupError("unexpected sink output: \(line)")
        }
        self.port = port
    }

    var messages: [Message] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        return files.compactMap { name in
            (try? Data(contentsOf: maildir.appendingPathComponent(name))).flatMap { try? JSONDecoder().decode(Message.self, from: $0) }
        }
    }

    /// No `waitUntilExit()`: it can hang inside async tests on Linux, and the sink keeps no state worth a clean exit.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        try? FileManager.default.removeItem(at: maildir)
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A throwaway self-signed certificate for 127.0.0.1, made with the openssl command.
struct TestCertificate {
    let certificate: String
    let key: String

    static func make() throws -> TestCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSetupError("openssl could not make a certificate") }
        return TestCertificate(certificate: cert, key: key)
    }
}

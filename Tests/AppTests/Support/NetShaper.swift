import Foundation

/// `scripts/netshaper.py` between a test's client and its server: each direction delayed by a
/// network profile (`far`, `mobile`, `oneway-100`…). Stopped when the test is done with it.
final class NetShaper: Sendable {
    let port: Int
    private let process: Process

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../scripts/netshaper.py").standardized

    /// A proxy to 127.0.0.1:`server`, `up` from client to server and `down` back; it prints its port.
    static func start(to server: Int, up: String, down: String, seed: Int = 1) throws -> NetShaper {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, "--upstream", "127.0.0.1:\(server)", "--up", up, "--down", down, "--seed", "\(seed)"
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        // Its first line, `listening <port>`, once it accepts connections.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 {
            line.append(first)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard words.count == 2, words[0] == "listening", let port = Int(words[1]) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestSetupError("the network shaper did not start: \(String(decoding: line, as: UTF8.self))")
        }
        return NetShaper(port: port, process: process)
    }

    /// SIGKILL and no `waitUntilExit()`: a helper started from the test process does not always
    /// get SIGTERM, and the wait spins on Linux (see `SMTPSink.stop`). The shaper keeps no state.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
    }
}

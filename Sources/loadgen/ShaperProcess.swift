import Foundation

/// `scripts/netshaper.py` in front of the bench server: every connection made to `port` has each
/// direction delayed by a network profile (lan, broadband, wifi, far, mobile).
final class ShaperProcess {
    let port: Int
    private let process: Process

    init(upstream: Int, profile: String, seed: Int) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "scripts/netshaper.py", "--upstream", "127.0.0.1:\(upstream)", "--profile", profile, "--seed", "\(seed)"
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // It prints `listening <port>` once it accepts connections.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 {
            line.append(first)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard words.count == 2, words[0] == "listening", let port = Int(words[1]) else {
            process.terminate()
            throw BenchError("the network shaper did not start (run make bench from the repository's folder)")
        }
        self.port = port
    }

    /// SIGKILL: the shaper's event loop does not always act on SIGTERM, and it keeps no state.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

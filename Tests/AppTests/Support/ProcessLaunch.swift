import Foundation

/// Starts helper programs (aiosmtpd, pyotp, openssl) one at a time. A fresh-clone run crashed
/// inside Foundation's `Process.run()` (a bad read in its memcpy) while tests launched helpers in
/// parallel; the launch itself is short, so serialising it costs nothing and avoids the race.
enum ProcessLaunch {
    private static let lock = NSLock()

    static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}

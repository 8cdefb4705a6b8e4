import Foundation
import NIOCore

/// What an operator sees when the server can't start: one line and an exit status,
/// never a backtrace. 2 is a bad setting (fix the configuration); 1 is the world
/// getting in the way (a busy port, an unreachable database).
public struct StartupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public let exitStatus: Int32

    init(_ description: String, exitStatus: Int32) {
        self.description = description
        self.exitStatus = exitStatus
    }

    static func setting(_ name: String, _ value: String, expected: String) -> StartupError {
        // Secrets are never echoed back into logs.
        let shown = ["SECRET_KEY", "DATABASE_URL", "SMTP_URL"].contains(name) ? "(\(value.count) characters)" : "\"\(value)\""
        return StartupError("\(name)=\(shown) is not valid: expected \(expected).", exitStatus: 2)
    }

    /// Turns whatever stopped the start into one line for the operator.
    public static func explain(_ error: any Error, port: Int) -> StartupError {
        if let error = error as? StartupError { return error }
        let text = String(describing: error)
        let addressInUse = (error as? IOError)?.errnoCode == EADDRINUSE || text.contains("Address already in use")
        if addressInUse {
            return StartupError("Port \(port) is in use: stop the other server or set PORT.", exitStatus: 1)
        }
        if text.contains("Cannot assign requested address") || text.contains("EADDRNOTAVAIL") {
            return StartupError("HOST is not an address of this machine: set HOST to one of its addresses (or 0.0.0.0).", exitStatus: 1)
        }
        if text.contains("Permission denied") {
            return StartupError(
                "Permission denied while starting (\(text)): check DATA_DIR and PORT (ports below 1024 need privileges).",
                exitStatus: 1)
        }
        return StartupError("Transcendence could not start: \(text)", exitStatus: 1)
    }
}

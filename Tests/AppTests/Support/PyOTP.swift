import Foundation

/// Authenticator codes computed by pyotp (from the venv `make test` builds), an
/// implementation independent of ours.
enum PyOTP {
    static func code(secret: String, at date: Date) throws -> String {
        let python = ProcessInfo.processInfo.environment["TEST_PYTHON"] ?? ".venv/bin/python"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c", "import pyotp, sys; print(pyotp.TOTP(sys.argv[1]).at(float(sys.argv[2])))",
            secret, String(date.timeIntervalSince1970)
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let code = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard code.count == 6 else { throw TestSetupError("pyotp gave no code (is the venv built?)") }
        return code
    }
}

import Foundation
import QRCode
import Testing

/// Every code is decoded by zbarimg (Debian's zbar-tools, installed by `make test`):
/// a real scanner, not our own reading of our own output.
@Suite struct QRCodeTests {
    @Test(arguments: [1, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213])
    func realDecoderReadsBackEveryVersion(length: Int) throws {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/?=&%-_.")
        let text = String((0..<length).map { alphabet[($0 * 7 + length) % alphabet.count] })
        let code = try QRCode(text: text)
        #expect(try Zbar.decode(code) == text)
    }

    @Test func encodesAnAuthenticatorURI() throws {
        let uri =
            "otpauth://totp/Transcendence:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Transcendence&algorithm=SHA1&digits=6&period=30"
        let code = try QRCode(text: uri)
        #expect(code.version <= 10)
        #expect(try Zbar.decode(code) == uri)
    }

    @Test func picksTheSmallestVersion() throws {
        #expect(try QRCode(text: "HELLO").version == 1)
        #expect(try QRCode(text: "HELLO").size == 21)
        #expect(try QRCode(text: String(repeating: "x", count: 15)).version == 2)
    }

    @Test func refusesTextBeyondVersionTen() {
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 214, maximum: 213)) {
            try QRCode(text: String(repeating: "x", count: 214))
        }
    }

    @Test func svgHasAQuietZoneAndCrispEdges() throws {
        let svg = try QRCode(text: "HELLO").svg(moduleSize: 4, title: "Scan <me>")
        #expect(svg.contains("viewBox=\"0 0 29 29\""))
        #expect(svg.contains("crispEdges"))
        #expect(svg.contains("<title>Scan &lt;me&gt;</title>"))
    }
}

enum Zbar {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes the code as a binary PGM (4 px per module, 4-module quiet zone) and asks zbarimg for its text.
    static func decode(_ code: QRCode) throws -> String {
        let scale = 4, quiet = 4
        let side = (code.size + quiet * 2) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for (y, row) in code.modules.enumerated() {
            for (x, isDark) in row.enumerated() where isDark {
                for dy in 0..<scale {
                    for dx in 0..<scale {
                        pixels[((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx] = 0
                    }
                }
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pgm")
        try (Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        // One launch at a time: Foundation's Process.run() crashed once under parallel launches.
        zbarLaunch.lock()
        let launched = Result { try process.run() }
        zbarLaunch.unlock()
        try launched.get()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "zbarimg could not read the code (exit \(process.terminationStatus))")
        }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}

private let zbarLaunch = NSLock()

import Foundation
import NIOCore

/// Issue 10's ping flood: a signed-in socket sends 125-byte ping frames as fast as it can
/// and never reads a pong. Reports when the server dropped it and how its memory moved.
enum PingFlood {
    static func run(port: Int, cookie: String, server: ServerProcess, on group: any EventLoopGroup) async throws -> String {
        let before = server.residentMiB()
        let connection = try await RawConnection.open(port: port, reading: false, on: group)
        let upgrade = [
            "GET /api/ws HTTP/1.1", "Host: 127.0.0.1:\(port)", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
            "Origin: http://127.0.0.1:\(port)", "Cookie: \(cookie)", "", ""
        ].joined(separator: "\r\n")
        try await connection.write(Array(upgrade.utf8))
        try await Task.sleep(for: .milliseconds(300))
        let key: [UInt8] = [1, 2, 3, 4]
        let frame: [UInt8] = [0x89, 0x80 | 125] + key + (0..<125).map { UInt8(0x61) ^ key[$0 % 4] }
        let batch = Array(Array(repeating: frame, count: 64).joined())
        let started = ContinuousClock.now
        var sent = 0
        var peak = before
        while ContinuousClock.now - started < .seconds(25) {
            do {
                try await connection.write(batch)
                sent += 64
            } catch {
                break
            }
            if sent % 6_400 == 0 { peak = max(peak, server.residentMiB()) }
        }
        let lasted = ContinuousClock.now - started
        await connection.close()
        try await Task.sleep(for: .seconds(2))
        let after = server.residentMiB()
        return String(
            format: "Ping flood: %@ after %d pings in %.1f s; server memory peak +%.1f MiB, +%.1f MiB after it closed",
            lasted < .seconds(25) ? "dropped by the server" : "still open", sent,
            Double(lasted.components.seconds) + Double(lasted.components.attoseconds) / 1e18, peak - before, after - before)
    }
}

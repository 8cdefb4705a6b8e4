import Foundation
import NIOCore

/// Issue 10's starvation check: `count` logins for made-up names all at once (each a full
/// bcrypt check), while a signed-in bystander keeps asking `GET /api/me`. Password hashing
/// has its own bounded pool, so the bystander should barely notice, and no login may get a 500.
enum LoginBurst {
    static func run(port: Int, cookie: String, count: Int, on group: any EventLoopGroup) async throws -> [String] {
        let bystander = Task { () -> [Double] in
            var latencies: [Double] = []
            while !Task.isCancelled {
                if let answer = try? await RawHTTP.send(port: port, method: "GET", path: "/api/me", headers: ["Cookie": cookie], on: group)
                {
                    latencies.append(answer.seconds)
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return latencies
        }
        let started = ContinuousClock.now
        let statuses = try await withThrowingTaskGroup(of: Int.self) { tasks in
            for index in 0..<count {
                tasks.addTask {
                    let body = #"{"login":"nobody\#(index)-\#(UUID().uuidString.prefix(8))","password":"not a real password \#(index)"}"#
                    return (try? await RawHTTP.send(port: port, method: "POST", path: "/api/auth/login", body: body, on: group))?.status
                        ?? 0
                }
            }
            return try await tasks.reduce(into: [Int]()) { $0.append($1) }
        }
        let burst = ContinuousClock.now - started
        try await Task.sleep(for: .milliseconds(200))
        bystander.cancel()
        let latencies = await bystander.value.sorted()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 1000
        }
        var histogram: [Int: Int] = [:]
        for status in statuses { histogram[status, default: 0] += 1 }
        let answers = histogram.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key == 0 ? "no answer" : String($0.key))" }
        return [
            "Login burst: \(count) concurrent logins for unknown names in \(String(format: "%.1f", Double(burst.components.seconds) + Double(burst.components.attoseconds) / 1e18)) s → \(answers.joined(separator: ", "))",
            String(
                format: "  bystander GET /api/me during the burst: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                latencies.count, percentile(0.5), percentile(0.99), latencies.last.map { $0 * 1000 } ?? .nan)
        ]
    }
}

import Foundation
import Testing
import VaporTesting

@testable import App

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What an operator reads: `/metrics` (from this machine or with the token, 404 otherwise), the
/// request id on every answer, and the instance that answered.
@Suite struct OperatorViewTests {
    @Test func metrics_areServedToLoopback_andTheirCountersMoveWithTraffic() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { port in
                let before = try await get(port, "/metrics")
                #expect(before.status == 200)
                #expect(before.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
                let healthBefore = Self.requestCount(in: before.body, path: "/api/health")
                for _ in 0..<3 { _ = try await get(port, "/api/health") }
                let after = try await get(port, "/metrics")
                // Other tests in this process count too (one registry per process): at least these three.
                #expect(Self.requestCount(in: after.body, path: "/api/health") >= healthBefore + 3)
                for family in [
                    "http_request_duration_seconds_bucket", "transcendence_open_sockets", "transcendence_live_games",
                    "transcendence_database_writes_waiting", "transcendence_password_hashes_waiting"
                ] {
                    #expect(after.body.contains(family), "\(family) missing")
                }
            }
        }
    }

    @Test func metrics_throughAProxy_orWithAWrongToken_areNotFound_andTheTokenOpensThem() async throws {
        try await withTestApp { app in
            app.config.metricsToken = "a-scraper-token-of-some-length"
            try await withRunningServer(app) { port in
                let proxied = try await get(port, "/metrics", headers: ["X-Real-IP": "203.0.113.9"])
                #expect(proxied.status == 404)
                let forwarded = try await get(port, "/metrics", headers: ["X-Forwarded-For": "203.0.113.9"])
                #expect(forwarded.status == 404)
                let wrong = try await get(
                    port, "/metrics", headers: ["X-Real-IP": "203.0.113.9", "Authorization": "Bearer not-the-token-at-all"])
                #expect(wrong.status == 404)
                let right = try await get(
                    port, "/metrics", headers: ["X-Real-IP": "203.0.113.9", "Authorization": "Bearer a-scraper-token-of-some-length"])
                #expect(right.status == 200)
            }
        }
    }

    @Test func everyAnswer_carriesARequestID_keepingAPlainOneOffered_andReplacingAnythingElse() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            let fresh = try #require(try await browser.send(.GET, "/api/health").headers.first(name: "X-Request-Id"))
            #expect(!fresh.isEmpty && fresh.count <= 64)
            let offered = try await browser.send(.GET, "/api/nope", headers: [("X-Request-Id", "0f3c9a7e2b1d4c6a8e9f0a1b2c3d4e5f")])
            #expect(offered.headers.first(name: "X-Request-Id") == "0f3c9a7e2b1d4c6a8e9f0a1b2c3d4e5f")
            let hostile = try await browser.send(.GET, "/api/health", headers: [("X-Request-Id", "evil\" level=error {}")])
            #expect(hostile.headers.first(name: "X-Request-Id").map { !$0.contains("evil") } == true)
        }
    }

    @Test func health_namesTheInstanceThatAnswered() async throws {
        try await withTestApp { app in
            let body = try await Browser(app).send(.GET, "/api/health").decode(HealthDTO.self)
            #expect(body.instance == app.config.instanceID && body.instance.hasPrefix("i-"))
        }
    }

    /// `http_requests_total{…path="/api/health"…status="200"}`, as Vapor reports it by route template.
    private static func requestCount(in metrics: String, path: String) -> Int {
        metrics.split(separator: "\n").filter {
            $0.hasPrefix("http_requests_total{") && $0.contains("path=\"\(path)\"") && $0.contains("status=\"200\"")
        }.compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
    }
}

/// A plain GET over a real loopback socket (the server sees 127.0.0.1, as a local scraper).
private func get(
    _ port: Int, _ path: String, headers: [String: String] = [:]
) async throws -> (
    status: Int, headers: [String: String], body: String
) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    var fields: [String: String] = [:]
    for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
    return (http.statusCode, fields, String(decoding: data, as: UTF8.self))
}

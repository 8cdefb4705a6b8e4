import Foundation

/// The statistics part of `make bench`: a throwaway database seeded with BENCH_STATS_PLAYERS
/// players (default 10,000) and BENCH_STATS_MATCHES closed matches (default 1,000,000), on
/// SQLite and, when TEST_DATABASE_URL is set (`make bench` runs under scripts/with-postgres.sh),
/// on PostgreSQL. Each read a page makes is timed over BENCH_STATS_REQUESTS sequential requests
/// (default 400): p50 and p99, target p99 < 20 ms.
enum StatsBench {
    static func run(binary: String, port: Int, players: Int, matches: Int, requests: Int) async throws {
        var databases: [(String, String?)] = [("SQLite", nil)]
        if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty { databases.append(("PostgreSQL", url)) }
        print(
            "\nStatistics: \(players) players, \(matches) matches; \(requests) sequential requests per read (one client); target p99 < 20 ms"
        )
        print("database   | read                                   |      p50 |      p99 | ok")
        for (name, url) in databases {
            let dataDirectory = NSTemporaryDirectory() + "transcendence-stats-bench-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            if let url { try await ServerProcess.resetPostgres(url) }
            let tokenFile = dataDirectory + "/token.txt"
            let seeding = ContinuousClock.now
            try ServerProcess.runToCompletion(
                binary: binary, arguments: ["seed-stats-bench", "--players", "\(players)", "--matches", "\(matches)", "--out", tokenFile],
                dataDirectory: dataDirectory, databaseURL: url)
            let seeded = ContinuousClock.now - seeding
            let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try ServerProcess(binary: binary, port: port, dataDirectory: dataDirectory, databaseURL: url)
            try await server.waitUntilHealthy()
            let client = APIClient(baseURL: server.baseURL, cookie: "transcendence_session=\(token)")
            let reads: [(String, () -> String)] = [
                ("player stats (random player)", { "/api/users/sb_\(Int.random(in: 0..<players))/stats" }),
                ("player dashboard series (random player)", { "/api/users/sb_\(Int.random(in: 0..<players))/dashboard" }),
                ("leaderboard, page 1 (with my rank)", { "/api/leaderboard?page=1" }),
                ("leaderboard, page 100 (with my rank)", { "/api/leaderboard?page=100" }),
                ("GET /api/stats", { "/api/stats" })
            ]
            for (label, path) in reads {
                for _ in 0..<20 { _ = try await client.send("GET", path()) } // warm-up
                var times: [Double] = []
                for _ in 0..<requests {
                    let started = ContinuousClock.now
                    let (status, _, _) = try await client.send("GET", path())
                    let took = ContinuousClock.now - started
                    guard status == 200 else { throw BenchError("\(label) answered \(status)") }
                    times.append(Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1000)
                }
                times.sort()
                let p50 = times[times.count / 2], p99 = times[min(times.count - 1, times.count * 99 / 100)]
                print(
                    name.padding(toLength: 10, withPad: " ", startingAt: 0) + " | "
                        + label.padding(toLength: 38, withPad: " ", startingAt: 0)
                        + String(format: " | %5.1f ms | %5.1f ms | ", p50, p99) + (p99 < 20 ? "yes" : "NO"))
            }
            print(
                "           (seeding and rebuilding the statistics took \(seeded.formatted(.units(allowed: [.seconds], width: .narrow))))")
            server.stop()
        }
    }
}

import Foundation

/// The data-export part of `make bench` (BENCH_PART=export): one player with BENCH_EXPORT_MATCHES
/// matches (default 1000,10000), seeded on SQLite and, under scripts/with-postgres.sh, on
/// PostgreSQL. Each export is downloaded over a real socket three times: the median time, the
/// file's size, and how far the server's peak resident memory rose above what it used before the
/// first export (the export is streamed, so this should not grow with the history). Target: under
/// 5 s for 10,000 matches.
enum ExportBench {
    static func run(binary: String, port: Int, sizes: [Int]) async throws {
        var databases: [(String, String?)] = [("SQLite", nil)]
        if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty { databases.append(("PostgreSQL", url)) }
        print("\nData export: GET /api/me/export for one player, 3 downloads each (median); target < 5 s for 10,000 matches")
        print("database   |  matches |   median |  slowest |     size | server peak RSS rise | ok")
        for (name, url) in databases {
            for matches in sizes {
                let dataDirectory = NSTemporaryDirectory() + "transcendence-export-bench-\(UUID().uuidString)"
                try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
                if let url { try await ServerProcess.resetPostgres(url) }
                let tokenFile = dataDirectory + "/token.txt"
                try ServerProcess.runToCompletion(
                    binary: binary, arguments: ["seed-export-bench", "--matches", "\(matches)", "--out", tokenFile],
                    dataDirectory: dataDirectory, databaseURL: url)
                let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                let server = try ServerProcess(binary: binary, port: port, dataDirectory: dataDirectory, databaseURL: url)
                // Stopped on the way out of a failed run too: a server left behind would answer the next one.
                defer { server.stop() }
                try await server.waitUntilHealthy()
                let client = APIClient(baseURL: server.baseURL, cookie: "transcendence_session=\(token)")
                _ = try await client.send("GET", "/api/me") // the session is warm; the export isn't
                let before = server.residentMiB()
                var times: [Double] = []
                var size = 0
                for _ in 0..<3 {
                    let started = ContinuousClock.now
                    let (status, _, body) = try await client.send("GET", "/api/me/export")
                    let took = ContinuousClock.now - started
                    guard status == 200 else { throw BenchError("the export answered \(status)") }
                    let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
                    let exported = (object?["matches"] as? [Any])?.count ?? -1
                    guard exported == matches else {
                        throw BenchError("the export holds \(exported) matches, not \(matches) (\(body.count) bytes)")
                    }
                    size = body.count
                    times.append(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
                }
                times.sort()
                let rise = server.peakResidentMiB() - before
                print(
                    name.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + String(
                            format: " | %8d | %6.2f s | %6.2f s | %5.1f MB | %16.1f MiB | %@", matches, times[1], times[2],
                            Double(size) / 1e6, rise, matches < 10_000 || times[1] < 5 ? "yes" : "NO"))
            }
        }
    }
}

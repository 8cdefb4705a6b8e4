import Foundation
import NIOConcurrencyHelpers
import NIOCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The overload part of `make bench` (`BENCH_PART=overload`): games, chat and HTTP reads together at
/// 1.5× and 3× the capacity the other parts find (500 games at ≥ 99 % on schedule, 200 chat
/// messages/s), with a CPU hog per core beside the server, as on a busy shared host. It checks what
/// must hold however busy the machine is: every game that finished is stored, no request gets a 5xx
/// other than 503, and `/api/health` and the game clock keep answering.
///   BENCH_OVERLOAD_FACTORS   default 1.5,3
///   BENCH_OVERLOAD_GAMES     capacity in concurrent games (default 500)
///   BENCH_OVERLOAD_CHAT      capacity in chat messages per second (default 200)
///   BENCH_OVERLOAD_READS     HTTP reads per second at capacity (default 200)
enum OverloadBench {
    private struct Tally {
        var started = 0
        var requests = 0
        var busy = 0
        var otherServerErrors = 0
        var failed = 0
        var healthMilliseconds: [Double] = []
    }

    static func run(
        binary: String, port: Int, factors: [Double], games: Int, chatRate: Int, readRate: Int,
        seconds: Double, on group: any EventLoopGroup
    ) async throws {
        let dataDirectory = NSTemporaryDirectory() + "transcendence-overload-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let seedFile = dataDirectory + "/seats.txt"
        try ServerProcess.runToCompletion(
            binary: binary, arguments: ["seed-chat-bench", "--users", "1000", "--out", seedFile],
            dataDirectory: dataDirectory)
        let seats = try String(contentsOfFile: seedFile, encoding: .utf8).split(separator: "\n").compactMap { line -> ChatFanout.Seat? in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? ChatFanout.Seat(token: String(parts[0]), room: String(parts[1])) : nil
        }
        let server = try ServerProcess(binary: binary, port: port, dataDirectory: dataDirectory)
        defer { server.stop() }
        try await server.waitUntilHealthy()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 512
        configuration.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: configuration)
        let hogs = try CPUHogs(count: ProcessInfo.processInfo.activeProcessorCount)
        defer { hogs.stop() }

        print(
            "\nOverload: games (AI, each left after 1–4 s), chat posts and HTTP reads at once, \(hogs.count) CPU hog(s) beside the server (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(Int(seconds)) s per level); capacity = \(games) games, \(chatRate) messages/s, \(readRate) reads/s"
        )
        print(
            "load | games started | games stored | requests | 503 share | other 5xx | failed | health p50 / p99 | tick late p99 / max | server CPU"
        )
        var seatCursor = 0
        for factor in factors {
            let tally = NIOLockedValueBox(Tally())
            let base = APIClient(baseURL: server.baseURL, cookie: nil, session: session)
            @Sendable func client(_ seat: ChatFanout.Seat) -> APIClient {
                var client = base
                client.cookie = "transcendence_session=\(seat.token)"
                return client
            }
            @Sendable func count(_ status: Int?) {
                tally.withLockedValue { tally in
                    tally.requests += 1
                    switch status {
                    case nil: tally.failed += 1
                    case 503?: tally.busy += 1
                    case let code? where code >= 500: tally.otherServerErrors += 1
                    default: break
                    }
                }
            }
            let gameWorkers = Int(Double(games) * factor)
            let gameSeats = (0..<gameWorkers).map { seats[(seatCursor + $0) % seats.count] }
            seatCursor += gameWorkers
            // Seats are reused from level to level: what a level stored is what its seats hold after
            // it less what they held before.
            let storedBefore = await storedMatches(of: Set(gameSeats.map(\.token)), client: client)
            let cpuBefore = server.cpuSeconds()
            let started = ContinuousClock.now
            let end = started + .seconds(seconds)
            let healthURL = server.baseURL + "/api/health"
            var lateness = (p99: 0.0, max: 0.0)
            try await withThrowingTaskGroup(of: Void.self) { work in
                for seat in gameSeats {
                    work.addTask {
                        let api = client(seat)
                        while ContinuousClock.now < end {
                            let response = try? await api.send("POST", "/api/games", json: ["mode": "ai", "difficulty": "hard"])
                            count(response?.0)
                            guard let response, response.0 == 201,
                                let object = try? JSONSerialization.jsonObject(with: response.2) as? [String: Any],
                                let id = object["id"] as? String
                            else {
                                try await Task.sleep(for: .milliseconds(500))
                                continue
                            }
                            tally.withLockedValue { $0.started += 1 }
                            // A socket that can't open leaves the game to the server's reconnect grace: it still ends.
                            let player = try? await BenchPlayer.connect(port: port, cookie: api.cookie!, game: id, on: group)
                            try await Task.sleep(for: .milliseconds(Int.random(in: 1000...4000)))
                            await player?.leave()
                        }
                    }
                }
                work.addTask {
                    try await paced(rate: Double(chatRate) * factor, until: end) { index in
                        let seat = seats[index % seats.count]
                        count(
                            try? await client(seat).send(
                                "POST", "/api/chat/conversations/\(seat.room)/messages",
                                json: ["text": "overload \(index)"]
                            ).0)
                    }
                }
                work.addTask {
                    try await paced(rate: Double(readRate) * factor, until: end) { index in
                        let path = index % 2 == 0 ? "/api/me" : "/api/leaderboard"
                        count(try? await client(seats[index % seats.count]).send("GET", path).0)
                    }
                }
                work.addTask {
                    while ContinuousClock.now < end {
                        let asked = ContinuousClock.now
                        let answered = try? await base.send("GET", "/api/health")
                        let elapsed = ContinuousClock.now - asked
                        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                        tally.withLockedValue { $0.healthMilliseconds.append(answered == nil ? 60_000 : milliseconds) }
                        try await Task.sleep(for: .milliseconds(250))
                    }
                }
                try await work.waitForAll()
            }
            let elapsed = ContinuousClock.now - started
            let cpu =
                (server.cpuSeconds() - cpuBefore) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            // The game clock's own record, before the games wind down.
            if let (_, _, body) = try? await base.send("GET", "/api/health"),
                let health = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                let load = health["load"] as? [String: Any]
            {
                lateness = (load["tickLatenessP99Milliseconds"] as? Double ?? 0, load["tickLatenessMaxMilliseconds"] as? Double ?? 0)
            }
            // Every game has ended (left, or its socket never opened and the grace ran out): wait until
            // the server has stored them all, then count what it stored.
            try await waitUntilSettled(healthURL, session: session)
            let figures = tally.withLockedValue { $0 }
            let stored = await storedMatches(of: Set(gameSeats.map(\.token)), client: client) - storedBefore
            let health = figures.healthMilliseconds.sorted()
            func percentile(_ p: Double) -> Double { health.isEmpty ? 0 : health[min(health.count - 1, Int(Double(health.count) * p))] }
            print(
                String(
                    format: "%.1f× | %13d | %12d | %8d | %8.1f%% | %9d | %6d | %6.1f / %6.1f ms | %6.1f / %6.1f ms | %8.0f%%",
                    factor, figures.started, stored, figures.requests,
                    figures.requests == 0 ? 0 : Double(figures.busy) / Double(figures.requests) * 100,
                    figures.otherServerErrors, figures.failed, percentile(0.5), percentile(0.99),
                    lateness.p99, lateness.max, cpu * 100))
        }
    }

    /// The closed matches these players' histories hold.
    private static func storedMatches(of tokens: Set<String>, client: (ChatFanout.Seat) -> APIClient) async -> Int {
        var stored = 0
        for token in tokens {
            let api = client(ChatFanout.Seat(token: token, room: ""))
            if let (status, _, body) = try? await api.send("GET", "/api/matches?per=1"), status == 200,
                let page = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
            {
                stored += page["total"] as? Int ?? 0
            }
        }
        return stored
    }

    /// Runs `body` `rate` times a second at absolute times (a slow answer never slows the schedule).
    private static func paced(
        rate: Double, until end: ContinuousClock.Instant,
        _ body: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { calls in
            var index = 0
            while true {
                let due = start + .nanoseconds(Int64(Double(index) / rate * 1e9))
                guard due < end else { break }
                try await Task.sleep(until: due, clock: .continuous)
                let current = index
                calls.addTask { await body(current) }
                index += 1
            }
            try await calls.waitForAll()
        }
    }

    /// No live game and nothing in the journal (up to two minutes: the reconnect grace is 20 s).
    private static func waitUntilSettled(_ healthURL: String, session: URLSession) async throws {
        for _ in 0..<480 {
            if let (data, _) = try? await session.data(from: URL(string: healthURL)!),
                let health = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let load = health["load"] as? [String: Any],
                load["liveGames"] as? Int == 0, load["resultsInJournal"] as? Int == 0
            {
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BenchError("games were still live or unstored two minutes after the load stopped")
    }
}

/// Busy loops, one process each, at the same priority as the server.
final class CPUHogs {
    private var processes: [Process] = []
    var count: Int { processes.count }

    init(count: Int) throws {
        for _ in 0..<count {
            let hog = Process()
            hog.executableURL = URL(fileURLWithPath: "/bin/bash")
            hog.arguments = ["-c", "while :; do :; done"]
            try hog.run()
            processes.append(hog)
        }
    }

    func stop() {
        // SIGKILL: a shell busy loop does not stop for SIGTERM.
        for hog in processes where hog.isRunning { kill(hog.processIdentifier, SIGKILL) }
        processes.removeAll()
    }
}

import Foundation
import NIOCore

/// The remote part of `make bench`: N games between two real clients each (both paddles
/// driven by simulated players over their own sockets), made by the quick-match queue from
/// seeded players, plus spectators (BENCH_SPECTATORS per game, default 10, for 5 % of games).
/// Measured like the AI games: how punctually every socket's keyframes arrive.
enum RemoteGamesBench {
    static func run(
        binary: String, port: Int, levels: [Int], seconds: Double, spectatorsPerGame: Int,
        on group: any EventLoopGroup
    ) async throws {
        let watched = { (games: Int) in max(1, games / 20) }
        let needed = levels.reduce(0) { $0 + 2 * $1 + watched($1) * spectatorsPerGame }
        let (server, seeded) = try await ServerProcess.seeded(players: needed, binary: binary, port: port)
        defer { server.stop() }
        var tokens = seeded[...]

        print(
            "\nRemote games: N quick-matched games, two clients each on their own socket, plus \(spectatorsPerGame) spectators on 5 % of games (\(Int(seconds)) s window)"
        )
        print(
            "games | spectators | player keyframes/s | per player: msgs/s | bytes/s | ≤5 ms late | p99 late | spectator ≤5 ms | server CPU | server RSS | client CPU"
        )
        for games in levels {
            do {
                try await measure(
                    games: games, watched: watched(games), spectatorsPerGame: spectatorsPerGame, seconds: seconds,
                    tokens: &tokens, server: server, port: port, on: group)
            } catch {
                // The level is past what the machine holds: say where it broke, and stop climbing.
                print("\(String(repeating: " ", count: max(0, 5 - String(games).count)))\(games) | could not be set up: \(error)")
                fflush(nil) // every stream: a row is on screen (and in a log) the moment it is measured
                return
            }
            fflush(nil) // every stream: a row is on screen (and in a log) the moment it is measured
        }
    }

    private static func measure(
        games: Int, watched: Int, spectatorsPerGame: Int, seconds: Double, tokens: inout ArraySlice<String>,
        server: ServerProcess, port: Int, on group: any EventLoopGroup
    ) async throws {
        let baseURL = server.baseURL
        var players: [BenchPlayer] = []
        // Pairs join the queue one after the other: all at 1500, each pair is made at once.
        for _ in 0..<games {
            for _ in 0..<2 {
                guard let token = tokens.popFirst() else { throw BenchError("not enough seeded players") }
                let cookie = "transcendence_session=\(token)"
                players.append(try await BenchPlayer.connect(port: port, cookie: cookie, role: .matched, on: group))
                try await joinQueue(baseURL: baseURL, cookie: cookie)
            }
        }
        try await Task.sleep(for: .seconds(4)) // both joined, countdowns over
        let live = try await APIClient(baseURL: baseURL, cookie: "transcendence_session=\(tokens.first ?? "")").send(
            "GET", "/api/games/live")
        let ids = ((try? JSONSerialization.jsonObject(with: live.2)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        var spectators: [BenchPlayer] = []
        for game in ids.prefix(watched) {
            for _ in 0..<spectatorsPerGame {
                guard let token = tokens.popFirst() else { throw BenchError("not enough seeded players") }
                spectators.append(
                    try await BenchPlayer.connect(
                        port: port, cookie: "transcendence_session=\(token)",
                        role: .watch(game: game), on: group))
            }
        }
        try await Task.sleep(for: .seconds(1))
        let cpuBefore = server.cpuSeconds()
        let clientCPUBefore = ServerProcess.cpuSeconds(pid: "self")
        let started = ContinuousClock.now
        (players + spectators).forEach { $0.record(true) }
        try await Task.sleep(for: .seconds(seconds))
        (players + spectators).forEach { $0.record(false) }
        let elapsed =
            Double((ContinuousClock.now - started).components.seconds)
            + Double((ContinuousClock.now - started).components.attoseconds) / 1e18
        if ProcessInfo.processInfo.environment["BENCH_DEBUG"] != nil, let first = players.first {
            print("first player: \(first.debugDescription); live games: \(ids.count)")
        }
        let figures = ScheduleFigures(players.map(\.arrivals), seconds: elapsed)
        let watching = ScheduleFigures(spectators.map(\.arrivals))
        let perSecond = Double(players.reduce(0) { $0 + $1.arrivals.count }) / elapsed
        print(
            String(
                format: "%5d | %10d | %18.0f | %18.1f | %7.0f | %9.2f%% | %5.1f ms | %14.2f%% | %8.0f%% | %6.0f MiB | %8.0f%%",
                games, spectators.count, perSecond, figures.messagesPerGame, figures.bytesPerGame, figures.onSchedule * 100,
                figures.p99Late,
                watching.onSchedule * 100, (server.cpuSeconds() - cpuBefore) / elapsed * 100, server.residentMiB(),
                (ServerProcess.cpuSeconds(pid: "self") - clientCPUBefore) / elapsed * 100))
        for client in players + spectators { await client.leave() }
        try await Task.sleep(for: .seconds(2))
    }

    /// Joins the quick-match queue. Under load the server may not have registered the socket just
    /// opened yet (`not_connected`): a browser would be told to keep the tab open; the bench waits.
    private static func joinQueue(baseURL: String, cookie: String) async throws {
        for _ in 0..<100 {
            let (status, _, body) = try await APIClient(baseURL: baseURL, cookie: cookie).send("POST", "/api/matchmaking")
            if status == 202 { return }
            let answer = String(decoding: body, as: UTF8.self)
            guard status == 409, answer.contains("not_connected") else {
                throw BenchError("joining the queue answered \(status): \(answer)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("the server never saw the player's socket")
    }
}

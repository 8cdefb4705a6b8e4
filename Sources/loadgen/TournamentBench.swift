import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import WebSocketKit

/// The tournament part of `make bench`: BENCH_TOURNAMENTS (default 100) online tournaments of
/// 8 simulated players each, all started at once, every player on its own real socket. Each
/// player says ready when called, joins its game and lets the 1-point game run out. Reported:
/// how long a call takes from the match becoming ready (the server's `calledAtMs`) to reaching
/// each of its two players (p50/p99), how long the tournaments took, and the server's CPU.
enum TournamentBench {
    static let playersPerTournament = 8

    static func run(binary: String, port: Int, tournaments: Int, on group: any EventLoopGroup) async throws {
        let players = tournaments * playersPerTournament
        let dataDirectory = NSTemporaryDirectory() + "transcendence-tournament-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let seedFile = dataDirectory + "/seats.txt"
        // Groups of 8 whose first player is friends with the other 7: one tournament each.
        try ServerProcess.runToCompletion(
            binary: binary,
            arguments: [
                "seed-chat-bench", "--users", "\(players)", "--room-size", "\(playersPerTournament)",
                "--out", seedFile
            ], dataDirectory: dataDirectory)
        let tokens = try String(contentsOfFile: seedFile, encoding: .utf8).split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        let server = try ServerProcess(binary: binary, port: port, dataDirectory: dataDirectory)
        defer { server.stop() }
        try await server.waitUntilHealthy()
        let baseURL = server.baseURL

        print(
            "\nTournaments: \(tournaments) online tournaments of \(playersPerTournament) simulated players started at once, every player on its own socket, 1-point games"
        )
        // Everyone connected, every tournament created and filled, before the clock starts.
        var bots: [TournamentBot] = []
        for token in tokens {
            let client = APIClient(baseURL: baseURL, cookie: "transcendence_session=\(token)")
            let (_, _, me) = try await client.send("GET", "/api/me")
            let username = ((try? JSONSerialization.jsonObject(with: me)) as? [String: Any])?["username"] as? String ?? ""
            bots.append(try await TournamentBot.connect(port: port, token: token, username: username, api: client, on: group))
        }
        var ids: [String] = []
        for start in stride(from: 0, to: bots.count, by: playersPerTournament) {
            let group = Array(bots[start..<min(start + playersPerTournament, bots.count)])
            let (status, _, body) = try await group[0].api.send(
                "POST", "/api/tournaments",
                json: [
                    "name": "Bench cup \(start / playersPerTournament + 1)", "capacity": playersPerTournament, "pointsToWin": 1,
                    "seeding": "random"
                ])
            guard status == 201, let id = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["id"] as? String else {
                throw BenchError("creating a tournament answered \(status)")
            }
            for bot in group.dropFirst() {
                let (invited, _, _) = try await group[0].api.send(
                    "POST", "/api/tournaments/\(id)/invitations", json: ["username": bot.username])
                let (joined, _, _) = try await bot.api.send("POST", "/api/tournaments/\(id)/join")
                guard invited == 200, joined == 200 else { throw BenchError("inviting answered \(invited), joining \(joined)") }
            }
            ids.append(id)
        }
        let cpuBefore = server.cpuSeconds()
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { starts in
            for (index, id) in ids.enumerated() {
                let creator = bots[index * playersPerTournament]
                starts.addTask {
                    let (status, _, _) = try await creator.api.send("POST", "/api/tournaments/\(id)/start")
                    guard status == 200 else { throw BenchError("starting a tournament answered \(status)") }
                }
            }
            try await starts.waitForAll()
        }
        // Every creator hears its tournament finish.
        let creators = stride(from: 0, to: bots.count, by: playersPerTournament).map { bots[$0] }
        let deadline = ContinuousClock.now + .seconds(600)
        while creators.contains(where: { !$0.finished }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = (server.cpuSeconds() - cpuBefore) / seconds * 100
        let latencies = bots.flatMap(\.callLatencies).sorted()
        let finished = creators.filter(\.finished).count
        let percentile = { (p: Int) in latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, latencies.count * p / 100)] }
        print("tournaments finished | calls received | call p50 | call p99 | call max | wall time | server CPU | server RSS")
        print(
            String(
                format: "%9d of %-8d | %14d | %6.1f ms | %6.1f ms | %6.1f ms | %7.1f s | %8.0f%% | %6.0f MiB",
                finished, tournaments, latencies.count, percentile(50), percentile(99), latencies.last ?? 0, seconds, cpu,
                server.residentMiB()))
        for bot in bots { await bot.close() }
    }
}

/// One simulated tournament player: answers every call, joins every game it starts.
final class TournamentBot: Sendable {
    private struct State {
        var latencies: [Double] = []
        var finished = false
    }

    let socket: WebSocket
    let username: String
    let api: APIClient
    private let state = NIOLockedValueBox(State())

    private init(socket: WebSocket, username: String, api: APIClient) {
        self.socket = socket
        self.username = username
        self.api = api
    }

    static func connect(
        port: Int, token: String, username: String, api: APIClient, on group: any EventLoopGroup
    ) async throws -> TournamentBot {
        let headers: HTTPHeaders = [
            "Host": "127.0.0.1:\(port)", "Origin": "http://127.0.0.1:\(port)", "Cookie": "transcendence_session=\(token)"
        ]
        let opened = NIOLockedValueBox<TournamentBot?>(nil)
        try await WebSocket.connect(to: "ws://127.0.0.1:\(port)/api/ws", headers: headers, on: group) { socket in
            let bot = TournamentBot(socket: socket, username: username, api: api)
            socket.onText { _, text in bot.received(text) }
            opened.withLockedValue { $0 = bot }
        }.get()
        for _ in 0..<500 {
            if let bot = opened.withLockedValue({ $0 }) { return bot }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw BenchError("a tournament socket did not open")
    }

    var callLatencies: [Double] { state.withLockedValue { $0.latencies } }
    var finished: Bool { state.withLockedValue { $0.finished } }

    private func received(_ text: String) {
        guard text.contains(#""t":"tournament"#) else { return }
        let arrived = Date().timeIntervalSince1970 * 1000
        guard let message = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
            let data = message["d"] as? [String: Any]
        else { return }
        if message["t"] as? String == "tournament" {
            if data["change"] as? String == "finished" { state.withLockedValue { $0.finished = true } }
            return
        }
        switch data["status"] as? String {
        case "called":
            if let calledAt = data["calledAtMs"] as? Double { state.withLockedValue { $0.latencies.append(arrived - calledAt) } }
            let path = "/api/tournaments/\(data["tournament"] as? String ?? "")/matches/\(data["match"] as? Int ?? 0)/ready"
            let api = self.api
            Task { _ = try? await api.send("POST", path) }
        case "started":
            if let game = data["game"] as? String { socket.send(#"{"t":"join","d":{"game":"\#(game)"}}"#) }
        default:
            break
        }
    }

    func close() async {
        try? await socket.close()
    }
}

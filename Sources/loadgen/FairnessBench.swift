import Foundation
import NIOCore
import PongCore

/// The fairness part of `make bench` (BENCH_PART=fairness): the same simulated player
/// (`FollowerBrain`: pongbench's ball follower, 150 ms reaction) plays the hard AI over real
/// sockets, BENCH_FAIR_GAMES games at once per row (default 200, first to 5), with every follower
/// of a row behind `scripts/netshaper.py` and that row's profile. A fair game gives the same
/// balls returned per game and win share on every row; a last row plays `far` with unstamped keys
/// (counted when they arrive), which is what the rewind buys back. Then two followers play each
/// other in quick-matched games (BENCH_FAIR_PAIRS, default 200), one behind `lan` and one behind
/// `far`: the far one's win share.
enum FairnessBench {
    static let rows: [(profile: String, stamped: Bool)] = [
        ("lan", true), ("broadband", true), ("wifi", true), ("far", true), ("mobile", true), ("far", false)
    ]

    static func run(binary: String, port: Int, games: Int, pairs: Int, on group: any EventLoopGroup) async throws {
        let (server, tokens) = try await ServerProcess.seeded(players: 2 * pairs, binary: binary, port: port)
        defer { server.stop() }
        guard let host = tokens.first else { throw BenchError("no seeded player") }
        let cookie = "transcendence_session=\(host)"
        let api = APIClient(baseURL: server.baseURL, cookie: cookie)
        let (status, _, _) = try await api.send(
            "PUT", "/api/me/game-settings",
            json: [
                "pointsToWin": MatchRules.standard.pointsToWin, "ballSpeed": "normal", "paddleSize": "normal", "aiDifficulty": "hard",
                "look": ["theme": "classic", "paddle": "#ffffff", "ball": "#ffffff", "table": "#000000"]
            ])
        guard status == 200 else { throw BenchError("saving the game settings answered \(status)") }

        print(
            "\nFairness: a ball follower with a 150 ms reaction against the hard AI, \(games) games per row (first to \(MatchRules.standard.pointsToWin)), the follower behind each network profile"
        )
        print("profile | keys | balls returned per game | win share | games finished")
        var baseline: Double?
        for (index, row) in rows.enumerated() {
            let shaper = try ShaperProcess(upstream: port, profile: row.profile, seed: 100 + index)
            defer { shaper.stop() }
            let shaperPort = shaper.port, stamped = row.stamped
            var followers: [BenchPlayer] = []
            for start in stride(from: 0, to: games, by: 25) {
                try await withThrowingTaskGroup(of: BenchPlayer.self) { batch in
                    for _ in start..<min(start + 25, games) {
                        batch.addTask {
                            let game = try await api.startGame()
                            return try await BenchPlayer.connect(
                                port: shaperPort, cookie: cookie, role: .play(game: game), brain: FollowerBrain(stamped: stamped),
                                on: group)
                        }
                    }
                    for try await player in batch { followers.append(player) }
                }
            }
            if ProcessInfo.processInfo.environment["BENCH_DEBUG"] != nil {
                try await Task.sleep(for: .seconds(5))
                print("first follower after 5 s: \(followers.first?.debugDescription ?? "none")")
            }
            let figures = try await finish(followers, within: .seconds(600))
            let returns = figures.returns / Double(max(1, figures.finished))
            let versusLAN = baseline.map { String(format: " (%+.1f %% vs lan)", ($0 > 0 ? returns / $0 - 1 : 0) * 100) } ?? ""
            if baseline == nil { baseline = returns }
            print(
                String(
                    format: "%@ | %@ | %.2f%@ | %.1f %% | %d of %d", row.profile, row.stamped ? "stamped" : "unstamped", returns,
                    versusLAN, figures.wins / Double(max(1, figures.finished)) * 100, figures.finished, games))
            for follower in followers { await follower.leave() }
        }
        if pairs > 0 { try await playPairs(pairs, tokens: Array(tokens.prefix(2 * pairs)), server: server, port: port, on: group) }
    }

    /// Two followers a game, one behind `lan` and one behind `far`, paired by the quick-match queue
    /// (each pair joins one after the other, so the queue pairs them at once).
    static func playPairs(_ pairs: Int, tokens: [String], server: ServerProcess, port: Int, on group: any EventLoopGroup) async throws {
        let near = try ShaperProcess(upstream: port, profile: "lan", seed: 7)
        // BENCH_PAIR_PROFILE=lan makes the control: two lan players, where the share must be about 50 %.
        let farProfile = ProcessInfo.processInfo.environment["BENCH_PAIR_PROFILE"] ?? "far"
        let far = try ShaperProcess(upstream: port, profile: farProfile, seed: 8)
        // BENCH_PAIR_STAMPED=0: the far player's keys carry no tick (what the stamp buys between players).
        let farStamps = ProcessInfo.processInfo.environment["BENCH_PAIR_STAMPED"] != "0"
        // BENCH_PAIR_SHIFT=n: the far player's stamps n ticks later than its clock says.
        let farShift = Int(ProcessInfo.processInfo.environment["BENCH_PAIR_SHIFT"] ?? "0") ?? 0
        func brain(_ shift: Int, stamped: Bool) -> FollowerBrain {
            var brain = FollowerBrain(stamped: stamped)
            brain.stampShift = shift
            return brain
        }
        defer {
            near.stop()
            far.stop()
        }
        print("\nFairness between players: \(pairs) quick-matched games, one follower behind lan, the other behind \(farProfile)")
        print("pairs finished | far player's win share | on the left / on the right | balls returned per game: lan / far")
        var nearPlayers: [BenchPlayer] = [], farPlayers: [BenchPlayer] = []
        for (index, token) in tokens.enumerated() {
            let cookie = "transcendence_session=\(token)"
            // Every other pair queues its far player first, so each profile plays each side as often
            // (the queue seats the first comer on the left).
            let isNear = (index % 2 == 0) == ((index / 2) % 2 == 0)
            let shaper = isNear ? near : far
            let player = try await BenchPlayer.connect(
                port: shaper.port, cookie: cookie, role: .matched, brain: brain(isNear ? 0 : farShift, stamped: isNear || farStamps),
                on: group)
            let (status, _, _) = try await APIClient(baseURL: server.baseURL, cookie: cookie).send("POST", "/api/matchmaking")
            guard status == 202 else { throw BenchError("joining the queue answered \(status)") }
            if isNear { nearPlayers.append(player) } else { farPlayers.append(player) }
        }
        let nearFigures = try await finish(nearPlayers, within: .seconds(900))
        let farFigures = try await finish(farPlayers, within: .seconds(60))
        let farLeft = try await finish(farPlayers.filter { $0.result.side == "left" }, within: .seconds(1))
        let farRight = try await finish(farPlayers.filter { $0.result.side == "right" }, within: .seconds(1))
        print(
            String(
                format: "%d of %d | %.1f %% | %.1f %% of %d / %.1f %% of %d | %.2f / %.2f", farFigures.finished, pairs,
                farFigures.wins / Double(max(1, farFigures.finished)) * 100,
                farLeft.wins / Double(max(1, farLeft.finished)) * 100, farLeft.finished,
                farRight.wins / Double(max(1, farRight.finished)) * 100, farRight.finished,
                nearFigures.returns / Double(max(1, nearFigures.finished)),
                farFigures.returns / Double(max(1, farFigures.finished))))
        let leads = [nearPlayers, farPlayers].map { players in players.compactMap(\.clockLead) }
        if !leads[1].isEmpty {
            print(
                String(
                    format: "clock lead over the true tick (ticks, mean over players): lan %.2f, far %.2f",
                    leads[0].reduce(0, +) / Double(max(1, leads[0].count)), leads[1].reduce(0, +) / Double(max(1, leads[1].count))))
        }
        for player in nearPlayers + farPlayers { await player.leave() }
    }

    /// Waits for the games to end; the finished ones' wins and returns.
    static func finish(_ players: [BenchPlayer], within limit: Duration) async throws -> (finished: Int, wins: Double, returns: Double) {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, !players.allSatisfy(\.isOver) {
            try await Task.sleep(for: .milliseconds(500))
        }
        var finished = 0
        var wins = 0.0
        var returns = 0.0
        for player in players where player.isOver {
            let result = player.result
            guard let winner = result.winner else { continue }
            finished += 1
            if winner == result.side { wins += 1 }
            returns += Double(result.returns)
        }
        return (finished, wins, returns)
    }
}

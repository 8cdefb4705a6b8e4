import Foundation
import NIOPosix

// `make bench` (server part): starts the release server, then for each level N
// opens N real WebSocket clients, each playing a game against the hard AI,
// and measures how punctually the keyframes arrive while it runs.
//   BENCH_LEVELS   comma-separated game counts (default 1000,2500,5000,7500)
//   BENCH_SECONDS  measuring window per level (default 10)
//   BENCH_CLIENT_THREADS  event-loop threads for all the clients (default 1)
//   BENCH_DEBUG    keep the server log (in the temp folder) and print per-game arrival counts
// Then the chat fan-out: BENCH_CHAT_USERS players (default 1000) in rooms of
// 50, with messages posted at each of BENCH_CHAT_RATES per second (default 50,100,200).
//   BENCH_PART     games, chat, remote, fairness, tournaments, stats, export, attacks, overload or all (default all);
//                  fairsim: the socket-free simulation of both fairness tables (FairnessSimulation; all runs it first)
// The fairness tables: a 150 ms-reaction ball follower against the hard AI behind each network
// profile (BENCH_FAIR_GAMES per row, default 200), then lan-vs-far pairs (BENCH_FAIR_PAIRS, default 200).
// Then remote games: BENCH_REMOTE_LEVELS quick-matched games (default 500,1000,2500), two
// clients each, with BENCH_SPECTATORS spectators (default 10) on 5 % of them.
// Then the data export of one player with BENCH_EXPORT_MATCHES matches (default 1000,10000).
// Then tournaments: BENCH_TOURNAMENTS (default 100) online tournaments of 8 simulated players
// started at once: how fast each call reaches both players, and the server's CPU.
// Then the attacks: the fragment flood, the ping flood, and BENCH_LOGINS (default 500)
// concurrent logins with a bystander's GET /api/me latency.

let environment = ProcessInfo.processInfo.environment
let levels = (environment["BENCH_LEVELS"] ?? "1000,2500,5000,7500").split(separator: ",").compactMap { Int($0) }
let windowSeconds = Double(environment["BENCH_SECONDS"] ?? "10") ?? 10
let binary = environment["BENCH_SERVER"] ?? ".build/release/transcendence"
let port = Int(environment["BENCH_PORT"] ?? "18480") ?? 18480

// One client thread by default, so the server keeps most of the machine.
let clientThreads = Int(environment["BENCH_CLIENT_THREADS"] ?? "1") ?? 1
let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: clientThreads)
let part = environment["BENCH_PART"] ?? "all"
if part == "fairsim" || part == "all" {
    FairnessSimulation.run()
    if part == "fairsim" { exit(0) }
}
if part == "chat" || part == "all" {
    try await ChatFanout.run(
        binary: binary, port: port + 1, users: Int(environment["BENCH_CHAT_USERS"] ?? "1000") ?? 1000,
        rates: (environment["BENCH_CHAT_RATES"] ?? "50,100,200").split(separator: ",").compactMap { Int($0) },
        seconds: windowSeconds, on: clientGroup)
    print("")
}
if part == "remote" || part == "all" {
    try await RemoteGamesBench.run(
        binary: binary, port: port + 2,
        levels: (environment["BENCH_REMOTE_LEVELS"] ?? "500,1000,2500").split(separator: ",").compactMap { Int($0) },
        seconds: windowSeconds, spectatorsPerGame: Int(environment["BENCH_SPECTATORS"] ?? "10") ?? 10, on: clientGroup)
    print("")
}
if part == "fairness" || part == "all" {
    try await FairnessBench.run(
        binary: binary, port: port + 6, games: Int(environment["BENCH_FAIR_GAMES"] ?? "200") ?? 200,
        pairs: Int(environment["BENCH_FAIR_PAIRS"] ?? "200") ?? 200, on: clientGroup)
    print("")
}
if part == "stats" || part == "all" {
    try await StatsBench.run(
        binary: binary, port: port + 4,
        players: Int(environment["BENCH_STATS_PLAYERS"] ?? "10000") ?? 10_000,
        matches: Int(environment["BENCH_STATS_MATCHES"] ?? "1000000") ?? 1_000_000,
        requests: Int(environment["BENCH_STATS_REQUESTS"] ?? "400") ?? 400)
    print("")
}
if part == "export" || part == "all" {
    try await ExportBench.run(
        binary: binary, port: port + 7,
        sizes: (environment["BENCH_EXPORT_MATCHES"] ?? "1000,10000").split(separator: ",").compactMap { Int($0) })
    print("")
}
if part == "tournaments" || part == "all" {
    try await TournamentBench.run(
        binary: binary, port: port + 3,
        tournaments: Int(environment["BENCH_TOURNAMENTS"] ?? "100") ?? 100, on: clientGroup)
    print("")
}
if part == "overload" || part == "all" {
    try await OverloadBench.run(
        binary: binary, port: port + 5,
        factors: (environment["BENCH_OVERLOAD_FACTORS"] ?? "1.5,3").split(separator: ",").compactMap { Double($0) },
        games: Int(environment["BENCH_OVERLOAD_GAMES"] ?? "500") ?? 500,
        chatRate: Int(environment["BENCH_OVERLOAD_CHAT"] ?? "200") ?? 200,
        readRate: Int(environment["BENCH_OVERLOAD_READS"] ?? "200") ?? 200,
        seconds: windowSeconds * 2, on: clientGroup)
    print("")
}
let runGames = part == "games" || part == "all"
let runAttacks = part == "attacks" || part == "all"
guard runGames || runAttacks else {
    try await clientGroup.shutdownGracefully()
    exit(0)
}
let server = try ServerProcess(binary: binary, port: port)
defer { server.stop() }
try await server.waitUntilHealthy()

let api = try await APIClient.signUp(
    baseURL: server.baseURL, username: "bench\(Int.random(in: 1000...9999))",
    mailDirectory: server.dataDirectory + "/mail")
_ = try await api.send(
    "PUT", "/api/me/game-settings",
    json: [
        "pointsToWin": 21, "ballSpeed": "slow", "paddleSize": "normal", "aiDifficulty": "hard",
        "look": ["theme": "classic", "paddle": "#ffffff", "ball": "#ffffff", "table": "#000000"]
    ])
let cookie = api.cookie!

if runGames {
    print(
        "Server load: N concurrent games vs the hard AI, keyframes over real WebSockets (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(Int(windowSeconds)) s window, client on \(clientThreads) thread(s))"
    )
    print(
        "games | keyframes/s | per game: msgs/s | bytes/s | inputs/s | ≤5 ms late | p99 late | max late | server CPU | server RSS | client CPU | games ended"
    )
}
for games in runGames ? levels : [] {
    let client = api
    var players: [BenchPlayer] = []
    players.reserveCapacity(games)
    // Start and join in batches so the setup itself is not the benchmark.
    for start in stride(from: 0, to: games, by: 50) {
        try await withThrowingTaskGroup(of: BenchPlayer.self) { group in
            for _ in start..<min(start + 50, games) {
                group.addTask {
                    let id = try await client.startGame()
                    return try await BenchPlayer.connect(port: port, cookie: cookie, game: id, on: clientGroup)
                }
            }
            for try await player in group { players.append(player) }
        }
    }
    try await Task.sleep(for: .seconds(4)) // countdowns over, steady state
    let cpuBefore = server.cpuSeconds()
    let clientCPUBefore = ServerProcess.cpuSeconds(pid: "self")
    let clock = ContinuousClock.now
    players.forEach { $0.record(true) }
    try await Task.sleep(for: .seconds(windowSeconds))
    players.forEach { $0.record(false) }
    let elapsed =
        Double((ContinuousClock.now - clock).components.seconds) + Double((ContinuousClock.now - clock).components.attoseconds) / 1e18
    let cpu = (server.cpuSeconds() - cpuBefore) / elapsed
    let clientCPU = (ServerProcess.cpuSeconds(pid: "self") - clientCPUBefore) / elapsed
    let rss = server.residentMiB()
    let arrivals = players.map(\.arrivals)
    let figures = ScheduleFigures(arrivals, seconds: elapsed)
    let perSecond = Double(arrivals.reduce(0) { $0 + $1.count }) / elapsed
    let ended = players.filter(\.isOver).count
    if environment["BENCH_DEBUG"] != nil {
        let counts = arrivals.map(\.count).sorted()
        if let shortest = players.min(by: { $0.arrivals.count < $1.arrivals.count }) {
            print("shortest game: \(shortest.debugDescription)")
        }
        print(
            "arrivals per game: min \(counts.first ?? 0), median \(counts[counts.count / 2]), max \(counts.last ?? 0), silent \(counts.filter { $0 == 0 }.count)"
        )
    }
    print(
        String(
            format: "%5d | %11.0f | %16.1f | %7.0f | %8.1f | %9.2f%% | %5.1f ms | %5.1f ms | %8.0f%% | %6.0f MiB | %8.0f%% | %d",
            games, perSecond, figures.messagesPerGame, figures.bytesPerGame,
            Double(players.reduce(0) { $0 + $1.inputsRecorded }) / Double(games) / elapsed, figures.onSchedule * 100, figures.p99Late,
            figures.maxLate,
            cpu * 100, rss, clientCPU * 100, ended))
    for player in players { await player.leave() }
    try await Task.sleep(for: .seconds(2))
}

if runAttacks {
    print(try await FragmentFlood.run(port: port, cookie: cookie, server: server, on: clientGroup))
    print(try await PingFlood.run(port: port, cookie: cookie, server: server, on: clientGroup))
    // Last: it spends this address's login allowance for the next ten minutes.
    let logins = Int(environment["BENCH_LOGINS"] ?? "500") ?? 500
    for line in try await LoginBurst.run(port: port, cookie: cookie, count: logins, on: clientGroup) { print(line) }
}
try await clientGroup.shutdownGracefully()

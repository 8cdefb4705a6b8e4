import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The server under test: the release binary started with a throwaway data
/// folder, and the figures the kernel keeps about it.
final class ServerProcess {
    let process = Process()
    let port: Int
    let dataDirectory: String
    let baseURL: String

    init(binary: String, port: Int, dataDirectory: String? = nil, databaseURL: String? = nil) throws {
        self.port = port
        self.dataDirectory = dataDirectory ?? NSTemporaryDirectory() + "transcendence-bench-\(UUID().uuidString)"
        baseURL = "http://127.0.0.1:\(port)"
        try FileManager.default.createDirectory(atPath: self.dataDirectory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve"]
        var environment = Self.environment(dataDirectory: self.dataDirectory, databaseURL: databaseURL)
        environment["HOST"] = "127.0.0.1"
        environment["PORT"] = String(port)
        environment["LIVE_GAMES_PER_USER"] = "100000"
        process.environment = environment
        // BENCH_DEBUG keeps the server's log; otherwise it is discarded (never create
        // /dev/null as a file: FileManager would replace the device with a regular file).
        var log = FileHandle.nullDevice
        if environment["BENCH_DEBUG"] != nil {
            let logPath = NSTemporaryDirectory() + "loadgen-server.log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            log = FileHandle(forWritingAtPath: logPath) ?? .nullDevice
        }
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    private static func environment(dataDirectory: String, databaseURL: String? = nil) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATA_DIR"] = dataDirectory
        // SQLite in the data folder unless a PostgreSQL database is asked for.
        environment["DATABASE_URL"] = databaseURL
        environment["MAIL_TRANSPORT"] = "file"
        environment["MAIL_DIR"] = dataDirectory + "/mail"
        environment["LOG_LEVEL"] = environment["BENCH_DEBUG"] != nil ? "debug" : "warning"
        // Every bench client is one address, and the game levels use one account for all their sockets.
        environment["SOCKETS_PER_USER"] = "100000"
        environment["SOCKETS_PER_ADDRESS"] = "100000"
        return environment
    }

    /// Empties the PostgreSQL database at `url` (its public schema) so a seed starts from nothing.
    static func resetPostgres(_ url: String) async throws {
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", url, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"]
        psql.standardOutput = FileHandle.nullDevice
        try psql.run()
        psql.waitUntilExit()
        guard psql.terminationStatus == 0 else { throw BenchError("could not empty the PostgreSQL database") }
    }

    /// Runs a one-off command of the server binary (such as seeding) on `dataDirectory`.
    static func runToCompletion(binary: String, arguments: [String], dataDirectory: String, databaseURL: String? = nil) throws {
        let command = Process()
        command.executableURL = URL(fileURLWithPath: binary)
        command.arguments = arguments
        var environment = environment(dataDirectory: dataDirectory, databaseURL: databaseURL)
        // Seeding is a development command, present only when asked for.
        environment["TRANSCENDENCE_DEV_COMMANDS"] = "1"
        command.environment = environment
        command.standardOutput = FileHandle.nullDevice
        try command.run()
        command.waitUntilExit()
        guard command.terminationStatus == 0 else {
            throw BenchError("\(arguments.first ?? "command") exited with \(command.terminationStatus)")
        }
    }

    /// A server started on a fresh database holding `players` seeded players with open sessions
    /// (the chat seeding: their rooms don't matter to the game benchmarks), and their session tokens.
    static func seeded(players: Int, binary: String, port: Int) async throws -> (ServerProcess, [String]) {
        let dataDirectory = NSTemporaryDirectory() + "transcendence-seeded-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let seedFile = dataDirectory + "/players.txt"
        try runToCompletion(
            binary: binary, arguments: ["seed-chat-bench", "--users", "\(max(1, players))", "--out", seedFile],
            dataDirectory: dataDirectory)
        let tokens = try String(contentsOfFile: seedFile, encoding: .utf8).split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        let server = try ServerProcess(binary: binary, port: port, dataDirectory: dataDirectory)
        do {
            try await server.waitUntilHealthy()
        } catch {
            server.stop()
            throw error
        }
        return (server, tokens)
    }

    func waitUntilHealthy() async throws {
        for _ in 0..<240 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: baseURL + "/api/health")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BenchError("the server did not start")
    }

    /// CPU seconds (user + system) the server has used so far.
    func cpuSeconds() -> Double {
        Self.cpuSeconds(pid: "\(process.processIdentifier)")
    }

    /// CPU seconds of any process; "self" for this one.
    static func cpuSeconds(pid: String) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
        let user = Double(fields[11]) ?? 0
        let system = Double(fields[12]) ?? 0
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident memory in MiB.
    func residentMiB() -> Double { memoryMiB("VmRSS:") }

    /// The most resident memory the server has had so far, in MiB.
    func peakResidentMiB() -> Double { memoryMiB("VmHWM:") }

    private func memoryMiB(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kib / 1024
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

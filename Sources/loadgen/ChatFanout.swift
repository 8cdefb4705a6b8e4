import Foundation
import NIOCore

/// The chat part of `make bench`: seeded players (default 1,000) in rooms of
/// 50, all connected over real WebSockets. Messages are posted through the
/// HTTP API at a steady rate, each from the next player in turn (so nobody
/// trips the 5-per-5-s flood limit), and every member's socket times its copy.
enum ChatFanout {
    struct Seat {
        let token: String
        let room: String
    }

    static func run(
        binary: String, port: Int, users: Int, rates: [Int], seconds: Double,
        on group: any EventLoopGroup
    ) async throws {
        let dataDirectory = NSTemporaryDirectory() + "transcendence-chat-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let seedFile = dataDirectory + "/seats.txt"
        try ServerProcess.runToCompletion(
            binary: binary, arguments: ["seed-chat-bench", "--users", "\(users)", "--out", seedFile],
            dataDirectory: dataDirectory)
        let seats = try String(contentsOfFile: seedFile, encoding: .utf8).split(separator: "\n").compactMap { line -> Seat? in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? Seat(token: String(parts[0]), room: String(parts[1])) : nil
        }
        let server = try ServerProcess(binary: binary, port: port, dataDirectory: dataDirectory)
        defer { server.stop() }
        try await server.waitUntilHealthy()

        var listeners: [ChatListener] = []
        for start in stride(from: 0, to: seats.count, by: 100) {
            try await withThrowingTaskGroup(of: ChatListener.self) { tasks in
                for seat in seats[start..<min(start + 100, seats.count)] {
                    tasks.addTask { try await ChatListener.connect(port: port, token: seat.token, on: group) }
                }
                for try await listener in tasks { listeners.append(listener) }
            }
        }
        let roomSize = Dictionary(grouping: seats, by: \.room).values.map(\.count).max() ?? 0
        try await Task.sleep(for: .seconds(2))
        print(
            "\nChat fan-out: \(listeners.count) connected players in rooms of \(roomSize), messages posted over HTTP, delivered over WebSockets (\(Int(seconds)) s per rate)"
        )
        print(
            "sent/s | accepted | refused | delivered | expected | delivered/s | p50 latency | p99 latency | max latency | server CPU | server RSS | client CPU"
        )

        var next = 0
        let baseURL = server.baseURL
        for rate in rates {
            let cpuBefore = server.cpuSeconds()
            let clientCPUBefore = ServerProcess.cpuSeconds(pid: "self")
            listeners.forEach { $0.record(true) }
            let started = ContinuousClock.now
            let total = Int(Double(rate) * seconds)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { posts in
                for index in 0..<total {
                    // Absolute send times, so a slow request never slows the schedule.
                    let due = started + .nanoseconds(Int64(Double(index) / Double(rate) * 1e9))
                    try await Task.sleep(until: due, clock: .continuous)
                    let seat = seats[next % seats.count]
                    next += 1
                    posts.addTask {
                        let client = APIClient(baseURL: baseURL, cookie: "transcendence_session=\(seat.token)")
                        let text = "bench \(ChatListener.nowNanoseconds())"
                        return (try? await client.send("POST", "/api/chat/conversations/\(seat.room)/messages", json: ["text": text]).0)
                            ?? 0
                    }
                }
                return try await posts.reduce(into: [Int]()) { $0.append($1) }
            }
            try await Task.sleep(for: .seconds(2)) // the last deliveries
            listeners.forEach { $0.record(false) }
            let elapsed = Double((ContinuousClock.now - started).components.seconds)
            let cpu = (server.cpuSeconds() - cpuBefore) / elapsed
            let clientCPU = (ServerProcess.cpuSeconds(pid: "self") - clientCPUBefore) / elapsed
            var latencies = listeners.flatMap(\.latencies)
            latencies.sort()
            let accepted = statuses.filter { $0 == 201 }.count
            func percentile(_ p: Double) -> Double {
                latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
            }
            print(
                String(
                    format: "%6d | %8d | %7d | %9d | %8d | %11.0f | %8.1f ms | %8.1f ms | %8.1f ms | %9.0f%% | %6.0f MiB | %9.0f%%",
                    rate, accepted, statuses.count - accepted, latencies.count, accepted * roomSize, Double(latencies.count) / seconds,
                    percentile(0.5), percentile(0.99), latencies.last ?? 0, cpu * 100, server.residentMiB(), clientCPU * 100))
        }
        for listener in listeners { await listener.close() }
    }
}

import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import App

/// Whether the suite runs against PostgreSQL (`make swift-test-postgres`): the cluster tests need it.
let testsRunOnPostgres = !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty

/// `count` apps on one PostgreSQL schema, each its own instance (id, bus connection, scheduler):
/// a cluster inside one test process, without nginx. Each is served on a loopback port.
func withTestCluster(
    _ count: Int, clock: TestClock? = nil, gameTiming: LiveGame.Timing? = nil,
    socketLimits: ConnectedUsers.Limits? = nil, _ test: (_ instances: [(app: Application, port: Int)]) async throws -> Void
) async throws {
    let url = try #require(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"])
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    var instances: [(app: Application, port: Int)] = []
    var folders: [String] = []
    func tearDown() async {
        for instance in instances.reversed() {
            await instance.app.games.shutdown()
            await instance.app.server.shutdown()
            // Timed jobs and the heartbeat stop before their tables go (or they log that the tables are gone).
            await instance.app.scheduler.stop()
            await instance.app.instanceHeartbeat?.shutdownAsync(instance.app)
        }
        if let first = instances.first { await auditReplays(on: first.app.db) }
        if let sql = instances.first?.app.db as? any SQLDatabase {
            try? await sql.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
        }
        for instance in instances.reversed() { try? await instance.app.asyncShutdown() }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }
    // One server key for the cluster, as its operator would set SECRET_KEY for every instance.
    let secretKey = ServerCrypto.randomBytes(32).base64EncodedString()
    do {
        for index in 1...count {
            let app = try await Application.make(.testing)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transcendence-cluster-\(UUID().uuidString)").path
            folders.append(folder)
            var overrides = ConfigurationOverrides(dataDirectory: folder, bcryptCost: 4, mailTransport: RecordingMailTransport())
            overrides.writeLimits = WriteGate.Limits(requestWait: .seconds(60))
            overrides.clock = clock?.appClock
            overrides.gameTiming = gameTiming
            overrides.socketLimits = socketLimits
            overrides.instanceID = "test-\(index)"
            overrides.secretKey = secretKey
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = [schema]
            overrides.postgres = configuration
            overrides.postgresPoolTimeout = .seconds(60)
            if index == 1 {
                overrides.beforeMigrations = { db in try await (db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
            }
            do {
                try await configure(app, overrides: overrides)
            } catch {
                // Not yet in `instances`: shut down here, or its deinit traps.
                try? await app.asyncShutdown()
                throw error
            }
            instances.append((app, 0))
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            instances[instances.count - 1].port = try #require(app.http.server.shared.localAddress?.port)
            // The others learn where it listens now, not at its next beat.
            await app.instanceHeartbeat?.beat()
        }
        // Every instance hears the bus before the test counts on it.
        for instance in instances {
            _ = try await eventually {
                instance.app.events.isListening
            } until: {
                $0
            }
        }
        try await test(instances)
    } catch {
        await tearDown()
        throw error
    }
    await tearDown()
}

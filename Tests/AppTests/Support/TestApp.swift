import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import SQLKit
import Testing
import VaporTesting

@testable import App

/// Runs `test` against a freshly configured app with its own database, so
/// tests run in parallel: a new SQLite file in a temp folder, or, when
/// `TEST_DATABASE_URL` is set (as `make test` does), a new PostgreSQL schema.
func withTestApp(
    mail: RecordingMailTransport = RecordingMailTransport(), gameTiming: LiveGame.Timing? = nil,
    socketLimits: ConnectedUsers.Limits? = nil, hashingLimits: PasswordHashingPool.Limits? = nil,
    connectionIdleTimeout: TimeAmount? = nil, clock: TestClock? = nil, socketPingInterval: TimeAmount? = nil,
    tournamentReadyCheck: TimeInterval? = nil, sqliteBusyTimeoutMilliseconds: Int? = nil,
    writeLimits: WriteGate.Limits? = nil, dataDirectory chosenDirectory: String? = nil, requestsInFlight: Int? = nil,
    connectionCap: Int? = nil,
    _ test: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    let dataDirectory =
        chosenDirectory
        ?? FileManager.default.temporaryDirectory
        .appendingPathComponent("transcendence-test-\(UUID().uuidString)").path
    var overrides = ConfigurationOverrides(dataDirectory: dataDirectory, bcryptCost: 4, mailTransport: mail)
    overrides.gameTiming = gameTiming
    overrides.socketLimits = socketLimits
    overrides.hashingLimits = hashingLimits
    overrides.connectionIdleTimeout = connectionIdleTimeout
    overrides.clock = clock?.appClock
    overrides.socketPingInterval = socketPingInterval
    overrides.tournamentReadyCheck = tournamentReadyCheck
    overrides.sqliteBusyTimeoutMilliseconds = sqliteBusyTimeoutMilliseconds
    // A request's write may wait 60 s here, not 10: a loaded test machine must not turn a slow
    // write into a 503 where a test counts exact outcomes (the shedding tests set their own).
    overrides.writeLimits = writeLimits ?? WriteGate.Limits(requestWait: .seconds(60))
    overrides.requestsInFlight = requestsInFlight
    overrides.connectionCap = connectionCap
    var schema: String?
    if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = [name]
        overrides.postgres = configuration
        // As for writes: a loaded machine must not turn a wait for a connection into a 503 where a test counts outcomes.
        overrides.postgresPoolTimeout = .seconds(60)
        overrides.beforeMigrations = { db in try await (db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: name)").run() }
        schema = name
    } else {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        overrides.sqliteFile = dataDirectory + "/test.sqlite"
    }
    do {
        try await configure(app, overrides: overrides)
        try await test(app)
    } catch {
        await cleanUp(app, schema: schema, dataDirectory: dataDirectory)
        throw error
    }
    await cleanUp(app, schema: schema, dataDirectory: dataDirectory)
}

private func cleanUp(_ app: Application, schema: String?, dataDirectory: String) async {
    // Games still running store their results now, while their tables exist.
    await app.games.shutdown()
    await auditReplays(on: app.db)
    // Timed jobs and the heartbeat stop before their tables go (or they log that the tables are gone).
    await app.scheduler.stop()
    await app.instanceHeartbeat?.shutdownAsync(app)
    if let schema, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: dataDirectory)
}

/// Serves `app` on a real loopback socket (WebSockets need one) for the length of `test`.
func withRunningServer(_ app: Application, _ test: (_ port: Int) async throws -> Void) async throws {
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    guard let port = app.http.server.shared.localAddress?.port else {
        await app.server.shutdown()
        throw TestSetupError("the test server has no port")
    }
    do {
        try await test(port)
    } catch {
        await app.server.shutdown()
        throw error
    }
    await app.server.shutdown()
}

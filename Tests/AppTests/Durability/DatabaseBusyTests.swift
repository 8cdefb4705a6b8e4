import Fluent
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import SQLKit
import Testing
import VaporTesting

@testable import App

/// Another process holding SQLite's write lock: what `rebuild-stats` run beside the server, a backup
/// tool or an operator's `sqlite3` shell does. SQLite only (PostgreSQL has no file lock to hold).
private struct OutsideWriter {
    let connection: SQLiteConnection

    /// Opens its own connection to the app's file and takes the write lock.
    static func holdingTheLock(of dataDirectory: String) async throws -> OutsideWriter {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: dataDirectory + "/test.sqlite"), threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton.any())
        _ = try await connection.query("BEGIN IMMEDIATE")
        return OutsideWriter(connection: connection)
    }

    func release() async throws {
        _ = try await connection.query("COMMIT")
        try await connection.close()
    }
}

private var onSQLite: Bool { (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty }

private func temporaryDataDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("transcendence-busy-\(UUID().uuidString)").path
}

/// Waits for a condition the server reaches on its own (no fixed sleep), with a generous deadline.
private func eventually(_ what: String, within seconds: Double = 60, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw TestSetupError("timed out waiting for \(what)")
}

@Suite(.enabled(if: onSQLite)) struct DatabaseBusyTests {
    /// The lock is held five times longer than `busy_timeout`: the finished game's result (rated,
    /// so ratings move in the same step) and the message wait, and are stored once when it goes.
    @Test func aLockHeldFromOutside_delaysAResultAndAMessage_andLosesNeither() async throws {
        let directory = temporaryDataDirectory()
        try await withTestApp(gameTiming: fastRemoteGames, sqliteBusyTimeoutMilliseconds: 200, dataDirectory: directory) { app in
            let players = try await friends(app, "alice", "bob")
            let (alice, bob) = (players[0], players[1])
            let conversation = try await alice.directConversation(with: "bob")
            nonisolated(unsafe) var gameID = ""
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), bobTab = try await bob.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                let invitation = try await alice.invited("bob", ["pointsToWin": 21, "rated": true])
                gameID = try #require(try await bob.send(.POST, "/api/invitations/\(invitation)/accept").decode(InvitationDTO.self).gameID)
                    .uuidString
                try aliceTab.send("join", ["game": gameID])
                try bobTab.send("join", ["game": gameID])
                // Past 20 s of play and 3 points, so that Bob's forfeit moves both ratings.
                try await aliceTab.waitUntil("20 s of play and 3 points", within: 60) {
                    guard let now = aliceTab.lastSnapshot else { return false }
                    return now.phase == 1 && now.tick >= 1_300 && Int(now.leftScore) + Int(now.rightScore) >= 3
                }

                let outside = try await OutsideWriter.holdingTheLock(of: directory)
                try bobTab.send("leave")
                let message = Task { try await alice.say("still here?", in: conversation) }
                // The result is journaled and waits; so does the message.
                try await eventually("the result to wait in the journal") { app.games.journalLength == 1 }
                try await eventually("the message to wait for the writer") { await app.writeGate.waiting >= 1 }
                try await Task.sleep(for: .seconds(1)) // the lock stays held well past busy_timeout (200 ms)
                #expect(try await Match.find(UUID(uuidString: gameID), on: app.db)?.status == .live)
                try await outside.release()

                let sent = try await message.value
                #expect(sent.status == .created, "\(sent.body.string)")
                let over = try await aliceTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .forfeit && over.winner == .left)
                #expect((over.leftRatingChange ?? 0) > 0)
                await aliceTab.close()
                await bobTab.close()
            }
            let match = try #require(try await Match.find(UUID(uuidString: gameID), on: app.db))
            #expect(match.status == .forfeit && match.endReason == .quit)
            #expect(try await RatingChange.query(on: app.db).count() == 2)
            #expect(try await ChatMessage.query(on: app.db).filter(\.$body == "still here?").count() == 1)
            try await eventually("the journal to empty") { app.games.journalLength == 0 }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Requests piling up (here: three waiting for a locked database) reach the bound on requests in
    /// flight; the next one is refused at once with 503 and `Retry-After`, and `/api/health` still answers.
    @Test func pastTheRequestsInFlight_newRequestsAre503AtOnce_andHealthStillAnswers() async throws {
        let directory = temporaryDataDirectory()
        try await withTestApp(
            sqliteBusyTimeoutMilliseconds: 100, writeLimits: .init(queueLength: 10, requestWait: .seconds(120)),
            dataDirectory: directory, requestsInFlight: 3
        ) { app in
            let players = try await friends(app, "alice", "bob")
            let conversation = try await players[0].directConversation(with: "bob")
            let outside = try await OutsideWriter.holdingTheLock(of: directory)
            let waiting = Task {
                try await concurrently(3) { index in
                    try await players[index % 2].say("waiting \(index)", in: conversation).status.code
                }
            }
            try await eventually("three requests in flight") { app.loadShedding.inFlight == 3 }
            let refused = try await players[0].send(.GET, "/api/me")
            #expect(refused.status == .serviceUnavailable && refused.errorCode == "server_busy")
            #expect(refused.headers.first(name: "Retry-After") != nil)
            let health = try await Browser(app).send(.GET, "/api/health")
            #expect(health.status == .ok)
            let load = try health.decode(HealthDTO.self).load
            #expect(load.requestsInFlight == 3 && load.requestsRefused >= 1)
            try await outside.release()
            #expect(try await waiting.value.allSatisfy { $0 == 201 })
            #expect(try await players[0].send(.GET, "/api/me").status == .ok)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// With the lock held, writes queue up to the bound; the rest are told 503 `server_busy` with
    /// `Retry-After` at once, and every write that was accepted is stored once the lock goes.
    @Test func aFullWriteQueue_refusesWith503AndRetryAfter_andKeepsWhatItAccepted() async throws {
        let directory = temporaryDataDirectory()
        let limits = WriteGate.Limits(queueLength: 2, requestWait: .seconds(120))
        try await withTestApp(sqliteBusyTimeoutMilliseconds: 100, writeLimits: limits, dataDirectory: directory) { app in
            let players = try await friends(app, "alice", "bob")
            let conversation = try await players[0].directConversation(with: "bob")
            let outside = try await OutsideWriter.holdingTheLock(of: directory)
            let statuses = Task {
                try await concurrently(10) { index in
                    let response = try await players[index % 2].say("message \(index)", in: conversation)
                    if response.status == .serviceUnavailable {
                        #expect(response.errorCode == "server_busy")
                        #expect(response.headers.first(name: "Retry-After") != nil)
                    }
                    return response.status.code
                }
            }
            // One write holds the turn (waiting for the lock), two wait behind it, seven are refused.
            try await eventually("seven refusals") { await app.writeGate.refused == 7 }
            try await outside.release()
            let answered = try await statuses.value
            #expect(answered.filter { $0 == 201 }.count == 3)
            #expect(answered.filter { $0 == 503 }.count == 7)
            #expect(answered.allSatisfy { $0 == 201 || $0 == 503 })
            #expect(try await ChatMessage.query(on: app.db).filter(\.$kind == .text).count() == 3)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

@Suite struct DatabaseRetryTests {
    @Test func transientErrors_areToldApartFromMistakes() {
        #expect(TransientDatabaseError.isTransient(ConnectionPoolTimeoutError.connectionRequestTimeout))
        #expect(!TransientDatabaseError.isTransient(AppError.notFound))
    }

    @Test func rawStatementsThatOnlyRead_goToAReader() {
        #expect(WriteSerializingDatabase.onlyReads("SELECT 1"))
        #expect(WriteSerializingDatabase.onlyReads("  (SELECT a FROM b) UNION (SELECT c FROM d)"))
        #expect(!WriteSerializingDatabase.onlyReads("UPDATE users SET a = 1"))
        #expect(!WriteSerializingDatabase.onlyReads("WITH x AS (SELECT 1) DELETE FROM y"))
        #expect(!WriteSerializingDatabase.onlyReads("PRAGMA foreign_keys=OFF"))
    }
}

private var onPostgreSQL: Bool { !onSQLite }

/// Two transactions that lock two rows in opposite orders: PostgreSQL aborts one as the deadlock
/// victim (40P01). The victim is run again and both commit; neither caller sees the error.
@Suite(.enabled(if: onPostgreSQL)) struct PostgresDeadlockTests {
    @Test func aDeadlockVictim_isRunAgain_andBothTransactionsCommit() async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE deadlock_probe (id INT PRIMARY KEY, n INT NOT NULL)").run()
            try await sql.raw("INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)").run()
            let firstLocks = NIOLockedValueBox(0)
            let attempts = NIOLockedValueBox(0)
            @Sendable func crossing(_ first: Int, _ second: Int) async throws {
                try await app.db.transaction { tx in
                    let attempt = attempts.withLockedValue {
                        $0 += 1
                        return $0
                    }
                    let sql = tx as! any SQLDatabase
                    try await sql.raw("UPDATE deadlock_probe SET n = n + 1 WHERE id = \(bind: first)").run()
                    // The first two attempts wait for each other's first lock, so they cross for sure.
                    if attempt <= 2 {
                        firstLocks.withLockedValue { $0 += 1 }
                        let deadline = Date().addingTimeInterval(60)
                        while firstLocks.withLockedValue({ $0 }) < 2, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
                    }
                    try await sql.raw("UPDATE deadlock_probe SET n = n + 1 WHERE id = \(bind: second)").run()
                }
            }
            async let one: Void = crossing(1, 2)
            async let other: Void = crossing(2, 1)
            _ = try await (one, other)
            let rows = try await sql.raw("SELECT n FROM deadlock_probe ORDER BY id").all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(rows == [2, 2])
            #expect(attempts.withLockedValue { $0 } == 3) // one victim, run once more
        }
    }
}

import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import App

/// A player with something in every feature, and the players around them, for the export and
/// deletion tests. The username is unusual so that a scan for it finds only what it should.
struct SeededPlayer {
    static let username = "Zephyrine"
    static let email = "zephyrine@example.com"

    let me: Browser
    let bob: Browser
    let dave: Browser
    let id: UUID
    let remoteGame: UUID

    static func make(_ app: Application) async throws -> SeededPlayer {
        let me = try await Browser.signedUp(app, username)
        let bob = try await Browser.signedUp(app, "bob"), dave = try await Browser.signedUp(app, "dave")
        _ = try await Browser.signedUp(app, "carol")
        try await me.befriend(bob, named: "bob", me: username)
        try await me.befriend(dave, named: "dave", me: username)
        let id = try #require(try await User.query(on: app.db).filter(\.$usernameKey == username.lowercased()).first()?.id)
        let bobID = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "bob").first()?.id)

        #expect(try await me.send(.PUT, "/api/blocks/carol").status == .noContent)
        #expect(try await me.send(.PUT, "/api/chat/hidden/dave").status == .noContent)
        let picture = try await me.send(
            .PUT, "/api/me/avatar", body: ByteBuffer(bytes: ImageBytes.png(width: 32, height: 32)), contentType: "image/png")
        #expect(picture.status == .ok)
        let settings = GameSettingsDTO.standard
        let saved = try await me.send(
            .PUT, "/api/me/game-settings", body: ByteBuffer(data: try JSONEncoder.api.encode(settings.with(pointsToWin: 7))),
            contentType: "application/json")
        #expect(saved.status == .ok, "\(saved.body.string)")

        // Chat: a direct conversation both ways, and a room with a line of mine and its "created" line.
        let direct = try await me.directConversation(with: "bob")
        #expect(try await me.say("see you at the table", in: direct).status == .created)
        #expect(try await bob.say("ready when you are", in: direct).status == .created)
        let room = try await me.send(.POST, "/api/chat/rooms", json: ["name": "Paddlers", "members": ["bob", "dave"]])
        #expect(room.status == .created, "\(room.body.string)")
        let roomID = try room.decode(ConversationDTO.self).id.uuidString
        #expect(try await me.say("good luck everyone", in: roomID).status == .created)
        #expect(try await dave.say("thanks", in: roomID).status == .created)

        // A rated remote game against Bob with its points, and a game on one keyboard I hosted.
        let store = MatchStore(database: { app.db }, clock: app.clock, instanceID: app.config.instanceID)
        let remote = GameSetup.remote(
            left: (id, username, settings.look), right: (bobID, "bob", settings.look),
            settings: GameSettingsDTO.standard, rated: true, at: app.clock.now)
        try await store.create(remote, on: app.db)
        let points = (1...8).map { number in
            PointRecord(
                number: number, atMilliseconds: number * 4000, scorer: number <= 5 ? .left : .right, rally: number,
                leftScore: min(number, 5), rightScore: max(0, number - 5))
        }
        _ = try await store.finish(
            GameOutcome(
                setup: remote, status: .finished, leftScore: 5, rightScore: 3, winner: .left, points: points, longestRally: 8,
                totalHits: 36))
        let local = GameSetup(
            id: UUID(), hostID: id, mode: .local, left: .user(id, username: username), right: .guest("Cousin"),
            settings: GameSettingsDTO.standard, seed: 1, startedAt: app.clock.now)
        try await store.create(local, on: app.db)

        // A tournament I created, with Bob's seat beside mine.
        let tournament = try await me.send(
            .POST, "/api/tournaments", json: ["name": "Sunday cup", "capacity": 4, "pointsToWin": 5, "seeding": "random"])
        #expect(tournament.status == .created, "\(tournament.body.string)")
        let tournamentID = try tournament.decode(TournamentDTO.self).id.uuidString
        #expect(try await me.send(.POST, "/api/tournaments/\(tournamentID)/invitations", json: ["username": "bob"]).status == .ok)
        #expect(try await bob.send(.POST, "/api/tournaments/\(tournamentID)/join").status == .ok)

        // Reports both ways, and a moderator's warning in the log.
        #expect(try await me.send(.POST, "/api/reports", json: ["username": "carol", "reason": "other", "text": "odd"]).status == .created)
        #expect(try await bob.send(.POST, "/api/reports", json: ["username": username, "reason": "other"]).status == .created)
        try await roleCommand(app, "grant", "dave", "moderator")
        #expect(
            try await dave.send(.POST, "/api/moderation/players/\(username)/warn", json: ["reason": "be kind in chat"]).status == .ok)
        // A failed password check: a throttle count under my account.
        #expect(try await Browser(app).logIn(username, password: "not my password").status == .unauthorized)
        return SeededPlayer(me: me, bob: bob, dave: dave, id: id, remoteGame: remote.id)
    }
}

extension GameSettingsDTO {
    fileprivate func with(pointsToWin: Int) -> GameSettingsDTO {
        var changed = self
        changed.pointsToWin = pointsToWin
        return changed
    }
}

/// Every row in every table where a value holds one of `needles` (case-insensitively, and for
/// SQLite's binary UUIDs by their bytes): "table.column" for each hit.
func rowsMentioning(_ needles: [String], uuid: UUID, on db: any Database) async throws -> [String] {
    let sql = try db.sql
    let postgres = sql.dialect.name == "postgresql"
    let tables: [String] =
        postgres
        ? try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")
            .all().map { try $0.decode(column: "name", as: String.self) }
        : try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .all().map { try $0.decode(column: "name", as: String.self) }
    let uuidHex = uuid.uuidString.replacingOccurrences(of: "-", with: "")
    var hits: [String] = []
    for table in tables where table != "_fluent_migrations" {
        let columns: [String] =
            postgres
            ? try await sql.raw(
                "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)"
            ).all().map { try $0.decode(column: "name", as: String.self) }
            : try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                .map { try $0.decode(column: "name", as: String.self) }
        for column in columns {
            var conditions: [String] = needles.map { needle in
                postgres ? "CAST(\"\(column)\" AS TEXT) ILIKE '%\(needle)%'" : "CAST(\"\(column)\" AS TEXT) LIKE '%\(needle)%'"
            }
            if !postgres { conditions.append("hex(\"\(column)\") LIKE '%\(uuidHex)%'") }
            let count =
                try await sql.raw(
                    "SELECT COUNT(*) AS hits FROM \"\(unsafeRaw: table)\" WHERE \(unsafeRaw: conditions.joined(separator: " OR "))"
                ).first()?.decode(column: "hits", as: Int.self) ?? 0
            if count > 0 { hits.append("\(table).\(column)") }
        }
    }
    return hits
}

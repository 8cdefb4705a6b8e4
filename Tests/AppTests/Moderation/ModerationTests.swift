import Fluent
import Foundation
import NIOWebSocket
import PongCore
import Testing
import VaporTesting

@testable import App

@Suite struct RoleCommandTests {
    @Test func rolesAreGrantedRevokedAndListedFromTheCommandLine() async throws {
        try await withTestApp { app in
            _ = try await Browser.signedUp(app, "mia")
            #expect(try await roleCommand(app, "list").contains("No admins or moderators yet"))
            #expect(try await roleCommand(app, "grant", "Mia", "moderator").contains("mia is now a moderator"))
            #expect(try await StaffRole.of(accountID(app, "mia"), on: app.db) == .moderator)
            #expect(try await roleCommand(app, "grant", "mia", "admin").contains("mia is now an admin"))
            #expect(try await roleCommand(app, "list").contains("admin\tmia"))
            #expect(try await roleCommand(app, "revoke", "mia").contains("no longer an admin"))
            #expect(try await StaffRole.query(on: app.db).count() == 0)
            // An operator's mistakes: one clear line each.
            await #expect(throws: StartupError.self) { try await roleCommand(app, "grant", "nobody", "admin") }
            await #expect(throws: StartupError.self) { try await roleCommand(app, "grant", "mia", "king") }
            await #expect(throws: StartupError.self) { try await roleCommand(app, "revoke", "mia") }
        }
    }

    /// No HTTP route writes a role: none names one, and the obvious guesses are unknown paths even
    /// for an admin.
    @Test func noRouteGrantsARole() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedUp(app, "ada")
            try await roleCommand(app, "grant", "ada", "admin")
            let paths = app.routes.all.map { $0.path.map(\.description).joined(separator: "/") }
            #expect(!paths.contains { $0.lowercased().contains("role") }, "\(paths.filter { $0.contains("role") })")
            for (method, path) in [
                (HTTPMethod.POST, "/api/moderation/roles"), (.PUT, "/api/moderation/players/ada/role"), (.POST, "/api/users/ada/role"),
                (.PATCH, "/api/me")
            ] {
                let response = try await admin.send(method, path, json: ["role": "admin", "username": "ada"])
                #expect(response.status != .ok || path == "/api/me", "\(method) \(path)")
            }
            #expect(try await StaffRole.query(on: app.db).count() == 1)
        }
    }
}

@Suite struct ReportTests {
    @Test func aPlayerReportsAMessage_isThanked_andTheReportedPlayerNeverSeesIt() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob")
            let (alice, bob) = (players[0], players[1])
            let conversation = try await alice.directConversation(with: "bob")
            let said = try await alice.say("you play like a bot", in: conversation).decode(ChatMessageDTO.self)
            let report = try await bob.send(
                .POST, "/api/reports", json: ["username": "alice", "reason": "chat_abuse", "text": "rude", "messageID": said.id])
            #expect(report.status == .created)
            #expect(try report.decode(ReportReceivedDTO.self).message == "Thanks, a moderator will look.")
            // The same again: already with the moderators.
            let again = try await bob.send(.POST, "/api/reports", json: ["username": "alice", "reason": "other"])
            #expect(again.status == .conflict && again.errorCode == "already_reported")
            // Alice can't see it anywhere: the moderation routes don't exist for her.
            for path in ["/api/moderation/reports", "/api/moderation/log"] {
                #expect(try await alice.send(.GET, path).status == .notFound)
            }
            #expect(try await Report.query(on: app.db).count() == 1)
        }
    }

    @Test func badReportsAreRefusedWithTheirCodes() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob")
            let carol = try await Browser.signedUp(app, "carol")
            let (alice, bob) = (players[0], players[1])
            let conversation = try await alice.directConversation(with: "bob")
            let mine = try await bob.say("hello", in: conversation).decode(ChatMessageDTO.self)
            let refusals: [([String: Any], UInt, String)] = [
                (["username": "alice", "reason": "other"], 400, "cannot_report_yourself"),
                (["username": "nobody", "reason": "other"], 404, "user_not_found"),
                (["username": "bob", "reason": "rude"], 400, "validation_failed"),
                (["username": "bob", "reason": "other", "text": String(repeating: "x", count: 501)], 400, "validation_failed"),
                // Carol's message id is not Bob's, nor in a conversation Alice is in.
                (["username": "carol", "reason": "chat_abuse", "messageID": mine.id], 404, "message_not_found"),
                (["username": "bob", "reason": "cheating", "matchID": UUID().uuidString], 404, "match_not_found"),
                (["username": "bob", "reason": "other", "tournamentID": UUID().uuidString], 404, "tournament_not_found")
            ]
            for (body, status, code) in refusals {
                let refused = try await alice.send(.POST, "/api/reports", json: body)
                #expect(refused.status.code == status && refused.errorCode == code, "\(body): \(refused.body.string)")
            }
            #expect(
                try await Browser(app).send(.POST, "/api/reports", json: ["username": "bob", "reason": "other"]).status == .unauthorized)
            _ = carol
            #expect(try await Report.query(on: app.db).count() == 0)
        }
    }

    /// Ten reports at once from one reporter, about ten players: exactly five get through.
    @Test func aReportFloodIsCutAtItsLimit() async throws {
        try await withTestApp { app in
            let reporter = try await Browser.signedUp(app, "rex")
            for index in 0..<10 { _ = try await Browser.signedUp(app, "target\(index)") }
            let statuses = try await concurrently(10) { index in
                try await reporter.send(.POST, "/api/reports", json: ["username": "target\(index)", "reason": "other"]).status.code
            }
            #expect(statuses.filter { $0 == 201 }.count == ReportService.perReporter.limit)
            #expect(statuses.filter { $0 == 429 }.count == 10 - ReportService.perReporter.limit)
            #expect(try await Report.query(on: app.db).count() == ReportService.perReporter.limit)
        }
    }
}

@Suite struct ModerationTests {
    /// The moderation routes answer a player, a visitor and a moderator's own mistakes exactly as an
    /// unknown path does.
    @Test func theModerationRoutesDontExistForPlayers() async throws {
        try await withTestApp { app in
            let player = try await Browser.signedUp(app, "pat")
            let unknown = try await player.send(.GET, "/api/nothing-here")
            for browser in [player, Browser(app)] {
                for (method, path) in [
                    (HTTPMethod.GET, "/api/moderation/reports"), (.GET, "/api/moderation/log"),
                    (.POST, "/api/moderation/players/pat/suspend"), (.POST, "/api/moderation/reports/\(UUID())/dismiss")
                ] {
                    let response = try await browser.send(method, path, json: ["reason": "x"])
                    #expect(response.status == .notFound, "\(method) \(path)")
                    #expect(response.body.string == unknown.body.string, "no hint that \(path) exists")
                }
            }
        }
    }

    /// A report in context, then every action a moderator has, each logged once; staff are out of reach.
    @Test func everyModeratorAction_isLoggedOnce_andStaffAreOutOfReach() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        try await withTestApp(clock: clock) { app in
            let players = try await friends(app, "alice", "bob")
            let (alice, bob) = (players[0], players[1])
            let mod = try await Browser.signedUp(app, "mia")
            _ = try await Browser.signedUp(app, "ada")
            try await roleCommand(app, "grant", "mia", "moderator")
            try await roleCommand(app, "grant", "ada", "admin")
            let conversation = try await alice.directConversation(with: "bob")
            try await bob.say("gl hf", in: conversation)
            let rude = try await alice.say("you are trash", in: conversation).decode(ChatMessageDTO.self)
            try await alice.say("uninstall", in: conversation)
            let reported = try await bob.send(
                .POST, "/api/reports", json: ["username": "alice", "reason": "chat_abuse", "messageID": rude.id])
            #expect(reported.status == .created)

            // The moderator sees the line in its context, the reported player as she stands.
            let queue = try await mod.openReports()
            let report = try #require(queue.first)
            #expect(queue.count == 1 && report.reporter == "bob" && report.target.username == "alice" && report.reason == .chatAbuse)
            #expect(report.conversation?.map(\.text) == ["gl hf", "you are trash", "uninstall"])
            #expect(report.conversation?.filter(\.reported).map(\.text) == ["you are trash"])

            // Mute for 10 minutes, answering the report: her next message is refused with the time left.
            try await mod.moderate("alice", "mute", ["minutes": 10, "reason": "insults", "report": report.id.uuidString])
            let muted = try await alice.say("hello?", in: conversation)
            #expect(muted.status == .forbidden && muted.errorCode == "muted")
            let until = try #require(try muted.content.decode(ErrorEnvelope.self).error.until)
            #expect(abs(until.timeIntervalSince(clock.now.addingTimeInterval(600))) < 1)
            #expect(try await mod.openReports().isEmpty, "answered")
            let answeredAgain = try await mod.send(
                .POST, "/api/moderation/players/alice/warn", json: ["reason": "x", "report": report.id.uuidString])
            #expect(answeredAgain.status == .conflict && answeredAgain.errorCode == "report_closed")
            clock.advance(by: 600)
            #expect(try await alice.say("sorry", in: conversation).status == .created)

            // A warning reaches her bell, without the moderator's name.
            try await mod.moderate("alice", "warn", ["reason": "Keep it friendly."])
            let bell = try await alice.send(.GET, "/api/notifications").decode(NotificationPageDTO.self).items
            let warning = try #require(bell.first { $0.kind == .moderationWarning })
            #expect(warning.data?["reason"] == "Keep it friendly." && warning.actor == nil)

            // A neutral name and picture.
            try await mod.moderate("bob", "reset-avatar", ["reason": "offensive picture"])
            try await mod.moderate("bob", "reset-username", ["reason": "offensive name"])
            let renamed = try await bob.send(.GET, "/api/me").decode(MeDTO.self)
            #expect(renamed.username.hasPrefix("player") && renamed.username.count == 12)

            // Staff are out of a moderator's reach; an admin may act on a moderator.
            for target in ["ada", "mia"] {
                let refused = try await mod.send(.POST, "/api/moderation/players/\(target)/warn", json: ["reason": "x"])
                #expect(refused.status == .forbidden && refused.errorCode == "cannot_moderate_staff", "\(target)")
            }
            let missing = try await mod.send(.POST, "/api/moderation/players/alice/mute", json: ["reason": "x"])
            #expect(missing.status == .badRequest && missing.errorFields["minutes"] != nil)
            let noReason = try await mod.send(.POST, "/api/moderation/players/alice/warn", json: ["reason": "  "])
            #expect(noReason.status == .badRequest && noReason.errorFields["reason"] != nil)

            // One row per action, newest first, and no route edits it.
            let log = try await mod.send(.GET, "/api/moderation/log").decode([ModerationLogEntryDTO].self)
            #expect(log.map(\.action) == [.resetUsername, .resetAvatar, .warn, .mute])
            #expect(log.allSatisfy { $0.actor == "mia" })
            #expect(log.last?.report == report.id && log.last?.reason == "insults")
            for method in [HTTPMethod.PUT, .PATCH, .DELETE] {
                #expect(try await mod.send(method, "/api/moderation/log/\(log[0].id)", json: ["reason": "edited"]).status == .notFound)
                #expect(try await mod.send(method, "/api/moderation/log", json: ["reason": "edited"]).status == .notFound)
            }
            #expect(try await ModerationLogEntry.query(on: app.db).count() == 4)
        }
    }

    /// Suspension: the player's sockets close with 4001 at once, the cookie is dead, and logging in
    /// says why — until it ends.
    @Test func aSuspensionEndsEverySessionAndSocket_andLoginSaysWhy() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        try await withTestApp(clock: clock) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let mod = try await Browser.signedUp(app, "mia")
            try await roleCommand(app, "grant", "mia", "moderator")
            try await withRunningServer(app) { port in
                let tab = try await TestSocket.connect(port: port, cookie: alice.cookie)
                try await tab.next(ServerEvent.hello)
                try await mod.moderate("alice", "suspend", ["minutes": 60, "reason": "cheating in rated games"])
                try await tab.waitUntil("the socket to close", within: 60) { tab.isClosed }
                #expect(tab.socket.closeCode == .unknown(4001))
            }
            #expect(try await alice.send(.GET, "/api/me").status == .unauthorized)
            let login = try await Browser(app).submitPassword("alice")
            #expect(login.status == .forbidden && login.errorCode == "account_suspended")
            #expect(try login.content.decode(ErrorEnvelope.self).error.message.contains("cheating in rated games"))
            clock.advance(by: 3600)
            #expect(try await Browser(app).logIn("alice").status == .ok)
            // For good: no end. (The moderator logs in again: an hour's idle ended their session too.)
            let back = Browser(app)
            #expect(try await back.logIn("mia").status == .ok)
            try await back.moderate("alice", "suspend", ["reason": "ban evasion"])
            clock.advance(by: 10 * 365 * 24 * 3600)
            #expect(try await Browser(app).submitPassword("alice").errorCode == "account_suspended")
            let later = Browser(app)
            #expect(try await later.logIn("mia").status == .ok)
            try await later.moderate("alice", "unsuspend", ["reason": "appeal accepted"])
            #expect(try await Browser(app).logIn("alice").status == .ok)
        }
    }

    /// Alice and Bob farmed: their games become unrated and both ratings are rebuilt from what
    /// remains — exactly the Glicko-2 steps of their one real game each.
    @Test func markingAPairFarmed_recomputesBothRatingsFromTheRemainingGames() async throws {
        try await withTestApp { app in
            var ids: [UUID] = []
            for name in ["alice", "bob", "carol", "dave"] {
                _ = try await Browser.signedUp(app, name)
                ids.append(try await accountID(app, name))
            }
            let mod = try await Browser.signedUp(app, "mia")
            try await roleCommand(app, "grant", "mia", "moderator")
            let (alice, bob, carol, dave) = (ids[0], ids[1], ids[2], ids[3])
            let ratings = app.ratings(on: app.db)
            func play(_ left: UUID, _ right: UUID, _ winner: Side) async throws {
                let id = try await seedRatedGame(app, left: left, right: right, startedAgo: 60)
                let moves = try await ratings.record(match: id, left: left, right: right, winner: winner)
                try await Match.query(on: app.db).filter(\.$id == id).set(\.$winner, to: winner.rawValue)
                    .set(\.$leftRatingDelta, to: Int(moves.left.change.rounded()))
                    .set(\.$rightRatingDelta, to: Int(moves.right.change.rounded())).update()
            }
            try await play(alice, bob, .left)
            try await play(alice, bob, .left)
            try await play(carol, alice, .right)
            try await play(dave, bob, .left)
            let carolBefore = try #require(try await RatingChange.query(on: app.db).filter(\.$user.$id == carol).first())
            let daveBefore = try #require(try await RatingChange.query(on: app.db).filter(\.$user.$id == dave).first())

            try await mod.moderate("alice", "farmed", ["opponent": "bob", "reason": "same address, 2 games in a minute"])

            let farmed = try await RatingRelations.betweenPair(alice, bob, on: app.db).all()
            #expect(farmed.count == 2 && farmed.allSatisfy { !$0.rated && $0.ratingNote == .farmed && $0.leftRatingDelta == nil })
            // Alice's one remaining game: a new player beating Carol, who was new too.
            let aliceExpected = Glicko2.updated(
                .newPlayer, after: [.init(opponent: .init(rating: carolBefore.ratingBefore, deviation: 350, volatility: 0.06), score: 1)])
            let bobExpected = Glicko2.updated(
                .newPlayer, after: [.init(opponent: .init(rating: daveBefore.ratingBefore, deviation: 350, volatility: 0.06), score: 0)])
            for (id, expected) in [(alice, aliceExpected), (bob, bobExpected)] {
                let row = try #require(try await PlayerRating.query(on: app.db).filter(\.$user.$id == id).first())
                #expect(
                    abs(row.rating - max(expected.rating, FairRatingRules.ratingFloor)) < 1e-9,
                    "\(id == alice ? "alice" : "bob") \(row.rating) \(expected)")
                #expect(abs(row.deviation - expected.deviation) < 1e-9)
                #expect(row.ratedGames == 1 && row.ratedOpponents == 1)
                #expect(try await RatingChange.query(on: app.db).filter(\.$user.$id == id).count() == 1)
            }
            // Carol and Dave keep their ratings: their games were real.
            #expect(try await RatingChange.query(on: app.db).filter(\.$user.$id == carol).count() == 1)
            #expect(try await RatingChange.query(on: app.db).filter(\.$user.$id == dave).count() == 1)
            let log = try await ModerationLogEntry.query(on: app.db).all()
            #expect(log.count == 1 && log.first?.action == .markFarmed && log.first?.details == "2 rated games against bob")
            // Nothing left to mark.
            let again = try await mod.send(.POST, "/api/moderation/players/alice/farmed", json: ["opponent": "bob", "reason": "x"])
            #expect(again.status == .conflict && again.errorCode == "no_rated_games")
        }
    }
}

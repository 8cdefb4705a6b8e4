import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// "Download my data" and what deleting an account leaves behind.
@Suite struct AccountDataTests {
    @Test func theExport_holdsWhatTheDatabaseHoldsAboutMe() async throws {
        try await withTestApp { app in
            let seeded = try await SeededPlayer.make(app)
            let response = try await seeded.me.send(.GET, "/api/me/export")
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(response.headers.contentType == .json)
            #expect(response.headers.first(name: .contentDisposition)?.contains("attachment; filename=\"transcendence-Zephyrine-") == true)
            let export = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(export["format"] as? String == "transcendence-data-export")
            let profile = try #require(export["profile"] as? [String: Any])
            #expect(profile["username"] as? String == SeededPlayer.username)
            #expect(profile["email"] as? String == SeededPlayer.email)
            #expect((export["gameSettings"] as? [String: Any])?["pointsToWin"] as? Int == 7)

            let sessions = try #require(export["sessions"] as? [[String: Any]])
            #expect(sessions.count == (try await UserSession.query(on: app.db).filter(\.$user.$id == seeded.id).count()))
            #expect(sessions.filter { $0["current"] as? Bool == true }.count == 1)
            let friends = try #require(export["friends"] as? [[String: Any]])
            #expect(Set(friends.compactMap { $0["username"] as? String }) == ["bob", "dave"])
            #expect((export["blocks"] as? [[String: Any]])?.compactMap { $0["username"] as? String } == ["carol"])
            #expect((export["hiddenInChat"] as? [[String: Any]])?.compactMap { $0["username"] as? String } == ["dave"])

            // Conversations: only the lines I sent.
            let conversations = try #require(export["conversations"] as? [[String: Any]])
            let direct = try #require(conversations.first { $0["kind"] as? String == "direct" })
            #expect(direct["with"] as? String == "bob")
            #expect((direct["messagesSent"] as? [[String: Any]])?.compactMap { $0["body"] as? String } == ["see you at the table"])
            let room = try #require(conversations.first { $0["name"] as? String == "Paddlers" })
            #expect((room["messagesSent"] as? [[String: Any]])?.compactMap { $0["body"] as? String } == ["good luck everyone"])

            // Matches with their timelines, exactly as stored.
            let matches = try #require(export["matches"] as? [[String: Any]])
            #expect(matches.count == 2)
            let remote = try #require(matches.first { ($0["match"] as? [String: Any])?["id"] as? String == seeded.remoteGame.uuidString })
            let stored = try await MatchPoint.query(on: app.db).filter(\.$match.$id == seeded.remoteGame).sort(\.$number).all()
            let exported = try #require(remote["points"] as? [[String: Any]])
            #expect(exported.compactMap { $0["atMs"] as? Int } == stored.map(\.atMilliseconds))
            #expect(exported.compactMap { $0["scorer"] as? String } == stored.map(\.scorer))
            #expect((remote["match"] as? [String: Any])?["rated"] as? Bool == true)

            let tournaments = try #require(export["tournaments"] as? [[String: Any]])
            #expect(tournaments.compactMap { $0["name"] as? String } == ["Sunday cup"])
            #expect(tournaments.first?["createdByMe"] as? Bool == true)
            let history = try #require(export["ratingHistory"] as? [[String: Any]])
            #expect(history.count == (try await RatingChange.query(on: app.db).filter(\.$user.$id == seeded.id).count()))
            #expect(history.count == 1)
            let notifications = try #require(export["notifications"] as? [[String: Any]])
            #expect(notifications.count == (try await UserNotification.query(on: app.db).filter(\.$user.$id == seeded.id).count()))
            #expect(notifications.contains { $0["kind"] as? String == "moderation_warning" })
            #expect((export["reportsFiled"] as? [[String: Any]])?.compactMap { $0["player"] as? String } == ["carol"])
            // Nothing secret: no password hash, no session token.
            let text = response.body.string
            #expect(!text.contains("password") && !text.contains("token"))
        }
    }

    /// Past one page (500), with start times shared by several games: every game once, oldest first.
    @Test func theExport_readsALongHistoryOnceEach() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let aliceID = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "alice").first()?.id)
            let start = app.clock.now.addingTimeInterval(-86_400)
            let matches = (0..<1_234).map { index in
                let match = Match()
                match.kind = "pong"
                match.mode = .ai
                match.status = .finished
                match.pointsToWin = 5
                match.ballSpeed = "normal"
                match.paddleSize = "normal"
                match.$host.id = aliceID
                match.leftKind = .user
                match.$leftUser.id = aliceID
                match.leftName = "alice"
                match.rightKind = .ai
                match.rightName = "AI (easy)"
                match.leftScore = 5
                match.rightScore = index % 5
                match.winner = "left"
                match.longestRally = 3
                match.totalHits = 9
                match.startedAt = start.addingTimeInterval(Double(index / 3) * 60.123)
                match.endedAt = match.startedAt.addingTimeInterval(50)
                match.rated = false
                return match
            }
            for chunk in stride(from: 0, to: matches.count, by: 300) {
                try await Array(matches[chunk..<min(chunk + 300, matches.count)]).create(on: app.db)
            }
            let response = try await alice.send(.GET, "/api/me/export")
            let export = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            let exported = try #require(export["matches"] as? [[String: Any]]).compactMap { $0["match"] as? [String: Any] }
            let ids = exported.compactMap { $0["id"] as? String }
            #expect(ids.count == 1_234)
            #expect(Set(ids).count == 1_234)
            let starts = exported.compactMap { $0["startedAt"] as? String }
            #expect(starts == starts.sorted())
        }
    }

    @Test func theExport_needsASession_andIsThrottledPerAccount() async throws {
        try await withTestApp { app in
            #expect(try await Browser(app).send(.GET, "/api/me/export").status == .unauthorized)
            let alice = try await Browser.signedUp(app, "alice")
            for _ in 0..<DataExportController.perAccount.limit {
                #expect(try await alice.send(.GET, "/api/me/export").status == .ok)
            }
            let throttled = try await alice.send(.GET, "/api/me/export")
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.errorCode == "rate_limited")
            #expect(throttled.headers.first(name: .retryAfter) != nil)
            // Fired at once, a fresh account's exports get exactly the limit through.
            let carol = try await Browser.signedUp(app, "carol")
            let statuses = try await concurrently(10) { _ in try await carol.send(.GET, "/api/me/export").status.code }
            #expect(statuses.filter { $0 == 200 }.count == DataExportController.perAccount.limit)
            #expect(statuses.filter { $0 == 429 }.count == 10 - DataExportController.perAccount.limit)
            // Another account isn't held back by it.
            #expect(try await Browser.signedUp(app, "bob").send(.GET, "/api/me/export").status == .ok)
        }
    }

    @Test func deletingAnAccount_leavesNothingThatNamesIt() async throws {
        try await withTestApp { app in
            let seeded = try await SeededPlayer.make(app)
            let avatar = try #require(try await User.find(seeded.id, on: app.db)?.avatarFile)
            let needles = [SeededPlayer.username, SeededPlayer.email, seeded.id.uuidString]
            let before = try await rowsMentioning(needles, uuid: seeded.id, on: app.db)
            #expect(before.count > 10, "the seed reaches many tables")

            let deleted = try await seeded.me.send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"])
            #expect(deleted.status == .noContent, "\(deleted.body.string)")
            #expect(try await rowsMentioning(needles, uuid: seeded.id, on: app.db) == [])
            #expect(!FileManager.default.fileExists(atPath: app.accountParts.avatars.directory + "/" + avatar))

            // What others keep: the game in Bob's history, under "deleted player"; his own lines in the room.
            let bobsGames = try await seeded.bob.send(.GET, "/api/matches").decode(MatchPageDTO.self).items
            #expect(bobsGames.map(\.left.name) == [AccountErasure.deletedPlayerName])
            let rooms = try await seeded.dave.send(.GET, "/api/chat/conversations").body.string
            #expect(rooms.contains("Paddlers"))
            #expect(try await Match.query(on: app.db).count() == 2, "the all-time figures still count both games")
        }
    }

    /// Mid-game, the game goes on to its forfeit (DeletedPlayerTests); once it is stored, nothing
    /// names the player either: the live game's rows go with its result.
    @Test func deletingAnAccountMidGame_leavesNothingOnceTheForfeitIsStored() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let players = try await friends(app, "alice", SeededPlayer.username)
            let (alice, me) = (players[0], players[1])
            let myID = try #require(
                try await User.query(on: app.db).filter(\.$usernameKey == SeededPlayer.username.lowercased()).first()?.id)
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), myTab = try await me.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await myTab.next(ServerEvent.hello)
                let id = try await alice.invited(SeededPlayer.username, ["pointsToWin": 21])
                let game = try #require(
                    try await me.send(.POST, "/api/invitations/\(id)/accept").decode(InvitationDTO.self).gameID
                ).uuidString
                try aliceTab.send("join", ["game": game])
                try myTab.send("join", ["game": game])
                try await aliceTab.next(ServerEvent.game)
                let missing = try await me.send(.DELETE, "/api/me", json: [String: String]())
                #expect(missing.status == .badRequest)
                #expect(missing.errorFields["password"] != nil)
                #expect(try await me.send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"]).status == .noContent)
                let over = try await aliceTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .forfeit && over.winner == .left)
                await aliceTab.close()
            }
            let needles = [SeededPlayer.username, SeededPlayer.email, myID.uuidString]
            #expect(try await rowsMentioning(needles, uuid: myID, on: app.db) == [])
            #expect(try await Match.query(on: app.db).first()?.rightName == AccountErasure.deletedPlayerName)
        }
    }

    @Test func aDeletedName_isReplacedOnlyWhereItStandsAlone() {
        #expect(AccountErasure.replacingName("al", in: "al left") == "deleted player left")
        #expect(AccountErasure.replacingName("al", in: "alice beat al 5–3") == "alice beat deleted player 5–3")
        #expect(
            AccountErasure.replacingName("al", in: "{\"by\":\"AL\",\"user\":\"al_2\"}") == "{\"by\":\"deleted player\",\"user\":\"al_2\"}")
    }
}

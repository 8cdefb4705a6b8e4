import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct PresenceAndNotificationsTests {
    @Test func presence_isPushedToFriends_countsTabsAsOnePerson_andFollowsGames() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            let stranger = try await Browser.signedUp(app, "stranger")
            try await alice.befriend(bob, named: "bob", me: "alice")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port)
                let strangerTab = try await stranger.socket(port: port)
                let bobTab1 = try await bob.socket(port: port)
                let online = try await aliceTab.next(ServerEvent.presence)
                #expect(online.user == "bob" && online.status == .online)
                let friends = try await alice.send(.GET, "/api/friends").decode(FriendsOverviewDTO.self).friends
                #expect(friends.first?.presence == .online)

                let bobTab2 = try await bob.socket(port: port)
                try await bobTab2.next(ServerEvent.hello)
                await bobTab1.close()
                // One tab is still open: bob stays online. A game then makes him "in a game".
                let game = try await bob.startGame(["mode": "ai", "difficulty": "easy"])
                try bobTab2.send("join", ["game": game])
                let inGame = try await aliceTab.next(ServerEvent.presence, count: 2)
                #expect(inGame.status == .inGame, "closing one of two tabs changed nothing")
                try bobTab2.send("leave")
                #expect(try await aliceTab.next(ServerEvent.presence, count: 3).status == .online)
                await bobTab2.close()
                #expect(try await aliceTab.next(ServerEvent.presence, count: 4).status == .offline)
                #expect(strangerTab.all(ServerEvent.presence).isEmpty, "presence goes to friends only")
                await aliceTab.close()
                await strangerTab.close()
            }
        }
    }

    @Test func notifications_arePushedLive_listed_andMarkedRead_onlyForTheirOwner() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            let carol = try await Browser.signedUp(app, "carol")
            try await withRunningServer(app) { port in
                let bobTab = try await bob.socket(port: port)
                try await bobTab.next(ServerEvent.hello)
                try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
                let live = try await bobTab.next(ServerEvent.notification)
                #expect(live.kind == .friendRequest)
                #expect(live.actor?.username == "alice")
                await bobTab.close()
            }
            try await carol.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            let list = try await bob.send(.GET, "/api/notifications").decode(NotificationPageDTO.self)
            #expect(list.unread == 2)
            let ids = list.items.map(\.id)
            #expect(ids.count == 2 && ids[0] > ids[1], "newest first")

            // Someone else's ids change nothing.
            #expect(
                try await carol.send(.POST, "/api/notifications/read", json: ["ids": ids]).decode(NotificationsReadDTO.self).unread == 0)
            #expect(try await bob.send(.GET, "/api/notifications").decode(NotificationPageDTO.self).unread == 2)
            #expect(
                try await bob.send(.POST, "/api/notifications/read", json: ["ids": [ids[0]]]).decode(NotificationsReadDTO.self).unread == 1)
            let paged = try await bob.send(.GET, "/api/notifications?limit=1").decode(NotificationPageDTO.self)
            #expect(paged.next == ids[0])
            let older = try await bob.send(.GET, "/api/notifications?limit=1&before=\(ids[0])").decode(NotificationPageDTO.self)
            #expect(older.items.first?.id == ids[1])
            #expect(older.next == nil)
            #expect(try await bob.send(.POST, "/api/notifications/read").decode(NotificationsReadDTO.self).unread == 0, "no body marks all")

            #expect(try await bob.send(.POST, "/api/notifications/read", json: ["ids": Array(1...101)]).errorFields["ids"] != nil)
            #expect(try await bob.send(.POST, "/api/notifications/read", json: ["ids": "all"]).status == .badRequest)
            #expect(try await bob.send(.GET, "/api/notifications?limit=0").errorFields["limit"] != nil)
            #expect(try await bob.send(.GET, "/api/notifications?before=x").errorFields["before"] != nil)
        }
    }

    @Test func stats_countThePlayersFinishedAndAbandonedMatches() async throws {
        // The second game waits unjoined while the first is played out: on a loaded machine that
        // outlasts the usual 20 s grace, so it gets the long one.
        try await withTestApp(gameTiming: unattendedGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let empty = try await alice.send(.GET, "/api/users/alice/stats").decode(PlayerStatsDTO.self)
            #expect(empty.played == 0)
            #expect(empty.winRate == nil)
            #expect(try await alice.send(.GET, "/api/users/nobody/stats").errorCode == "user_not_found")

            try await alice.saveGameSettings(pointsToWin: 2, ballSpeed: "fast")
            let finished = try await alice.startGame(["mode": "ai", "difficulty": "hard"])
            let quit = try await alice.startGame(["mode": "ai", "difficulty": "easy"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": finished])
                try await socket.next(ServerEvent.over, within: 60)
                try socket.send("join", ["game": quit])
                try await socket.waitUntil("the second game") { socket.all(ServerEvent.game).count >= 2 }
                try socket.send("leave")
                await socket.close()
            }
            try await waitForStoredMatch(finished, app: app)
            try await waitForStoredMatch(quit, app: app)
            let match = try #require(try await Match.find(UUID(uuidString: finished), on: app.db))
            let stats = try await alice.send(.GET, "/api/users/alice/stats").decode(PlayerStatsDTO.self)
            #expect(stats.played == 2)
            #expect(stats.abandoned == 1)
            #expect(stats.won + stats.lost == 1)
            #expect(stats.won == (match.winner == "left" ? 1 : 0), "alice plays the left side against the AI")
            #expect(stats.winRate == Double(stats.won))
            #expect(stats.pointsConceded >= match.rightScore)
            #expect(stats.longestRally >= match.longestRally)
        }
    }
}

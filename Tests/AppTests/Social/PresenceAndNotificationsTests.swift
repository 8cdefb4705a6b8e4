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
                let online = try await aliceTab.next("presence")
                #expect(online["user"] as? String == "bob" && online["status"] as? String == "online")
                let friends = try await alice.friendsOverview()["friends"] as? [[String: Any]]
                #expect(friends?.first?["presence"] as? String == "online")

                let bobTab2 = try await bob.socket(port: port)
                try await bobTab2.next("hello")
                await bobTab1.close()
                // One tab is still open: bob stays online. A game then makes him "in a game".
                let game = try await bob.startGame(["mode": "ai", "difficulty": "easy"])
                try bobTab2.send("join", ["game": game])
                let inGame = try await aliceTab.next("presence", count: 2)
                #expect(inGame["status"] as? String == "in_game", "closing one of two tabs changed nothing")
                try bobTab2.send("leave")
                #expect(try await aliceTab.next("presence", count: 3)["status"] as? String == "online")
                await bobTab2.close()
                #expect(try await aliceTab.next("presence", count: 4)["status"] as? String == "offline")
                #expect(strangerTab.all("presence").isEmpty, "presence goes to friends only")
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
                try await bobTab.next("hello")
                try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
                let live = try await bobTab.next("notification")
                #expect(live["kind"] as? String == "friend_request")
                #expect((live["actor"] as? [String: Any])?["username"] as? String == "alice")
                await bobTab.close()
            }
            try await carol.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            let list = try await bob.send(.GET, "/api/notifications").json()
            #expect(list["unread"] as? Int == 2)
            let ids = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(ids.count == 2 && ids[0] > ids[1], "newest first")

            // Someone else's ids change nothing.
            #expect(try await carol.send(.POST, "/api/notifications/read", json: ["ids": ids]).json()["unread"] as? Int == 0)
            #expect(try await bob.send(.GET, "/api/notifications").json()["unread"] as? Int == 2)
            #expect(try await bob.send(.POST, "/api/notifications/read", json: ["ids": [ids[0]]]).json()["unread"] as? Int == 1)
            let paged = try await bob.send(.GET, "/api/notifications?limit=1").json()
            #expect(paged["next"] as? Int == ids[0])
            let older = try await bob.send(.GET, "/api/notifications?limit=1&before=\(ids[0])").json()
            #expect((older["items"] as? [[String: Any]])?.first?["id"] as? Int == ids[1])
            #expect(older["next"] == nil || older["next"] is NSNull)
            #expect(try await bob.send(.POST, "/api/notifications/read").json()["unread"] as? Int == 0, "no body marks all")

            #expect(try await bob.send(.POST, "/api/notifications/read", json: ["ids": Array(1...101)]).errorFields["ids"] != nil)
            #expect(try await bob.send(.POST, "/api/notifications/read", json: ["ids": "all"]).status == .badRequest)
            #expect(try await bob.send(.GET, "/api/notifications?limit=0").errorFields["limit"] != nil)
            #expect(try await bob.send(.GET, "/api/notifications?before=x").errorFields["before"] != nil)
        }
    }

    @Test func stats_countThePlayersFinishedAndAbandonedMatches() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let empty = try await alice.send(.GET, "/api/users/alice/stats").json()
            #expect(empty["played"] as? Int == 0)
            #expect(empty["winRate"] == nil || empty["winRate"] is NSNull)
            #expect(try await alice.send(.GET, "/api/users/nobody/stats").errorCode == "user_not_found")

            try await alice.saveGameSettings(pointsToWin: 2, ballSpeed: "fast")
            let finished = try await alice.startGame(["mode": "ai", "difficulty": "hard"])
            let quit = try await alice.startGame(["mode": "ai", "difficulty": "easy"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": finished])
                try await socket.next("over", within: 60)
                try socket.send("join", ["game": quit])
                try await socket.next("game", count: 2)
                try socket.send("leave")
                await socket.close()
            }
            try await waitForStoredMatch(finished, app: app)
            try await waitForStoredMatch(quit, app: app)
            let match = try #require(try await Match.find(UUID(uuidString: finished), on: app.db))
            let stats = try await alice.send(.GET, "/api/users/alice/stats").json()
            #expect(stats["played"] as? Int == 2)
            #expect(stats["abandoned"] as? Int == 1)
            let won = stats["won"] as? Int ?? -1, lost = stats["lost"] as? Int ?? -1
            #expect(won + lost == 1)
            #expect(won == (match.winner == "left" ? 1 : 0), "alice plays the left side against the AI")
            #expect(stats["winRate"] as? Double == Double(won))
            #expect(stats["pointsConceded"] as? Int ?? 0 >= match.rightScore)
            #expect(stats["longestRally"] as? Int ?? -1 >= match.longestRally)
        }
    }
}

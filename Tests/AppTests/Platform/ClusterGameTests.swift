import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

extension Browser {
    /// The same player (same cookie) speaking to another instance.
    func on(_ app: Application) -> Browser {
        let browser = Browser(app)
        browser.cookie = cookie
        return browser
    }
}

/// Live play across instances: the players' tabs and a spectator's on three different instances,
/// the game on the instance that started it; presence, the socket caps and the quick-match queue
/// are the cluster's.
@Suite(.enabled(if: testsRunOnPostgres, "a cluster runs on PostgreSQL"))
struct ClusterGameTests {
    @Test func playersOnTwoInstances_playAGameAThirdOwns_andASpectatorOnAFourthWatches() async throws {
        // The checks between the accept and the end take many requests: on a loaded machine the
        // game must neither forfeit its players before they join nor end before it is looked at.
        let patientGames = LiveGame.Timing(
            tickInterval: .milliseconds(1), countdownTicks: 5, reconnectGrace: .seconds(20), pauseLimit: .seconds(30),
            remoteGrace: .seconds(60), remotePause: .seconds(8))
        try await withTestCluster(3, gameTiming: patientGames) { instances in
            let (one, two, three) = (instances[0], instances[1], instances[2])
            let players = try await friends(one.app, "alice", "bob", "carol")
            let (alice, bob, carol) = (players[0], players[1], players[2])
            let aliceTab = try await alice.socket(port: one.port)
            let bobTab = try await bob.socket(port: two.port)
            let carolTab = try await carol.socket(port: one.port)
            for tab in [aliceTab, bobTab, carolTab] { try await tab.next(ServerEvent.hello) }
            // Alice sees Bob, whose only tab is on another instance, online.
            let friendsOfAlice = try await alice.on(two.app).send(.GET, "/api/friends").json()
            #expect("\(friendsOfAlice)".contains("online"))

            let id = try await alice.on(three.app).invited("bob", ["pointsToWin": 5, "rated": true])
            #expect(try await bobTab.next(ServerEvent.invitation).status == .pending)
            let accepted = try await bob.on(three.app).send(.POST, "/api/invitations/\(id)/accept")
            let gameID = try #require(try accepted.decode(InvitationDTO.self).gameID).uuidString
            #expect(three.app.games.liveGameCount == 1 && one.app.games.liveGameCount == 0 && two.app.games.liveGameCount == 0)
            // One player, one game, whichever instance is asked (asked before
            // anyone joins: the game waits for them, so it can't be over yet on a slow machine).
            #expect(try await bob.on(one.app).send(.POST, "/api/matchmaking").errorCode == "busy")
            #expect(try await alice.on(two.app).invite("carol").errorCode == "busy")

            try aliceTab.send("join", ["game": gameID])
            try bobTab.send("join", ["game": gameID])
            #expect(try await aliceTab.next(ServerEvent.game).controls == [.left])
            #expect(try await bobTab.next(ServerEvent.game).controls == [.right])
            try carolTab.send("watch", ["game": gameID])
            #expect(try await carolTab.next(ServerEvent.game).controls.isEmpty)
            try await carolTab.waitUntil("keyframes for the spectator", within: 60) { carolTab.snapshots.count > 5 }
            // Any instance lists the game to watch, with its spectator once its owner has beaten,
            // and as Bob's game to go back to.
            await three.app.instanceHeartbeat?.beat()
            let watchable = try await carol.on(two.app).send(.GET, "/api/games/live").decode([WatchableGameDTO].self)
            #expect(watchable.map(\.id.uuidString) == [gameID] && watchable.first?.spectators == 1)
            #expect(watchable.first.map { [$0.left.name, $0.right.name] } == ["alice", "bob"])
            let bobsGames = try await bob.on(one.app).send(.GET, "/api/games").decode([StartedGameDTO].self)
            #expect(bobsGames.map(\.id.uuidString) == [gameID])
            #expect(try await carol.on(one.app).send(.GET, "/api/games").decode([StartedGameDTO].self).isEmpty)
            #expect(try await carol.on(one.app).send(.GET, "/api/live").decode(LiveFiguresDTO.self).gamesLive == 1)
            try carolTab.send("input", ["seq": 1, "side": "left", "key": "up"])
            #expect(try await carolTab.next(ServerEvent.error).code == "spectating")
            // Bob, in the game, is in a game for his friend Alice on her instance.
            try await aliceTab.waitUntil("Bob in a game") {
                aliceTab.all(ServerEvent.presence).contains { $0.user == "bob" && $0.status == .inGame }
            }

            try await bobTab.waitUntil("a snapshot") { bobTab.lastSnapshot != nil }
            let before = try #require(bobTab.lastSnapshot).leftPaddleY
            try aliceTab.send("input", ["seq": 2, "side": "left", "key": "up"])
            try await bobTab.waitUntil("Alice's paddle moving on Bob's screen") {
                (bobTab.lastSnapshot?.leftPaddleY ?? before) < before - 20 || !bobTab.all(ServerEvent.over).isEmpty
            }
            try aliceTab.send("input", ["seq": 3, "side": "left", "key": "none"])
            let summary = try await aliceTab.next(ServerEvent.over, within: 60)
            #expect(try await bobTab.next(ServerEvent.over, within: 60).matchID == summary.matchID)
            #expect(try await carolTab.next(ServerEvent.over, within: 60).matchID == summary.matchID)
            #expect(summary.status == .finished && summary.rated)

            #expect(try await carol.on(two.app).send(.GET, "/api/games/live").decode([WatchableGameDTO].self).isEmpty)
            let matches = try await Match.query(on: one.app.db).all()
            #expect(matches.count == 1 && matches.first?.status == .finished)
            #expect(try await RatingChange.query(on: one.app.db).count() == 2)
            for tab in [aliceTab, bobTab, carolTab] { await tab.close() }
        }
    }

    @Test func twoPlayersQueuedOnDifferentInstances_arePairedOnce() async throws {
        try await withTestCluster(2, gameTiming: fastRemoteGames) { instances in
            let (one, two) = (instances[0], instances[1])
            let alice = try await Browser.signedUp(one.app, "alice")
            let bob = try await Browser.signedUp(one.app, "bob")
            let aliceTab = try await alice.socket(port: one.port)
            let bobTab = try await bob.socket(port: two.port)
            for tab in [aliceTab, bobTab] { try await tab.next(ServerEvent.hello) }
            // Each joins on the instance that holds their tab, at once.
            async let first = alice.send(.POST, "/api/matchmaking")
            async let second = bob.on(two.app).send(.POST, "/api/matchmaking")
            let answers = try await [first, second]
            #expect(answers.allSatisfy { $0.status == .accepted }, "\(answers.map(\.body.string))")
            let found = try await aliceTab.next(ServerEvent.matchFound)
            #expect(found.opponent == "bob")
            #expect(try await bobTab.next(ServerEvent.matchFound).game == found.game)
            let live = one.app.games.liveGameCount + two.app.games.liveGameCount
            #expect(live == 1)
            try aliceTab.send("join", ["game": found.game.uuidString])
            try bobTab.send("join", ["game": found.game.uuidString])
            #expect(try await aliceTab.next(ServerEvent.game).controls.count == 1)
            #expect(try await bobTab.next(ServerEvent.game).controls.count == 1)
            #expect(aliceTab.all(ServerEvent.matchFound).count == 1 && bobTab.all(ServerEvent.matchFound).count == 1)
            for tab in [aliceTab, bobTab] { await tab.close() }
        }
    }

    @Test func theSocketCapPerAddress_holdsAcrossInstances_underABurst() async throws {
        var limits = ConnectedUsers.Limits()
        limits.socketsPerAddress = 4
        try await withTestCluster(2, socketLimits: limits) { instances in
            let alice = try await Browser.signedUp(instances[0].app, "alice")
            // Ten sockets from one address at once, five on each instance: each instance alone would take four.
            // An instance that already holds four of them refuses the upgrade itself (429), before any socket.
            let opened = try await withThrowingTaskGroup(of: TestSocket?.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        do {
                            return try await alice.socket(port: instances[index % 2].port)
                        } catch  where "\(error)".contains("429") {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let tabs = opened.compactMap { $0 }
            let refusedAtUpgrade = opened.count - tabs.count
            for tab in tabs {
                try await tab.waitUntil("a greeting or a refusal", within: 60) { !tab.all(ServerEvent.hello).isEmpty || tab.isClosed }
            }
            let refused = tabs.filter { $0.isClosed }
            #expect(tabs.count - refused.count == 4, "\(refusedAtUpgrade) refused at the upgrade")
            #expect(refused.allSatisfy { $0.socket.closeCode == .unknown(4029) })
            #expect(refused.allSatisfy { $0.all(ServerEvent.hello).isEmpty })
            for tab in tabs { await tab.close() }
        }
    }

    @Test func theTabCapPerAccount_closesTheOldestTabOnAnotherInstance() async throws {
        var limits = ConnectedUsers.Limits()
        limits.socketsPerUser = 2
        try await withTestCluster(2, socketLimits: limits) { instances in
            let alice = try await Browser.signedUp(instances[0].app, "alice")
            let oldest = try await alice.socket(port: instances[0].port)
            try await oldest.next(ServerEvent.hello)
            let second = try await alice.socket(port: instances[1].port)
            try await second.next(ServerEvent.hello)
            let third = try await alice.socket(port: instances[1].port)
            try await third.next(ServerEvent.hello)
            try await oldest.waitUntil("the oldest tab to close", within: 60) { oldest.isClosed }
            #expect(oldest.socket.closeCode == .unknown(4009))
            #expect(!second.isClosed && !third.isClosed)
            for tab in [second, third] { await tab.close() }
        }
    }

    @Test func aPlayerWithTabsOnTwoInstances_isOnlineUntilTheLastCloses() async throws {
        try await withTestCluster(2) { instances in
            let (one, two) = (instances[0], instances[1])
            let players = try await friends(one.app, "alice", "bob")
            let (alice, bob) = (players[0], players[1])
            let aliceTab = try await alice.socket(port: one.port)
            try await aliceTab.next(ServerEvent.hello)
            let bobOnOne = try await bob.socket(port: one.port)
            let bobOnTwo = try await bob.socket(port: two.port)
            for tab in [bobOnOne, bobOnTwo] { try await tab.next(ServerEvent.hello) }
            let bobID = try #require(try await User.query(on: one.app.db).filter(\.$username == "bob").first()?.requireID())
            try await aliceTab.waitUntil("Bob online on both instances' view", within: 60) {
                one.app.connectedUsers.presence(of: bobID) == .online && two.app.connectedUsers.presence(of: bobID) == .online
            }
            await bobOnOne.close()
            try await aliceTab.waitUntil("instance one to count Bob's tab gone", within: 60) {
                one.app.connectedUsers.localPresence(of: bobID) == .offline
            }
            // His tab on the other instance keeps him online everywhere.
            #expect(one.app.connectedUsers.presence(of: bobID) == .online)
            #expect(!aliceTab.all(ServerEvent.presence).contains { $0.user == "bob" && $0.status == .offline })
            await bobOnTwo.close()
            try await aliceTab.waitUntil("Bob offline for Alice", within: 60) {
                aliceTab.all(ServerEvent.presence).contains { $0.user == "bob" && $0.status == .offline }
            }
            #expect(one.app.connectedUsers.presence(of: bobID) == .offline)
            #expect(one.app.connectedUsers.connectedUserCount == 1 && two.app.connectedUsers.connectedUserCount == 1)
            await aliceTab.close()
        }
    }
}

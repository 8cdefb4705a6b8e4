import Fluent
import Foundation
import Matchmaking
import Testing
import VaporTesting

@testable import App

@Suite struct MatchmakerTests {
    private let start = Date(timeIntervalSince1970: 1_000_000)

    private func entry(_ rating: Double, waitedSince offset: TimeInterval = 0, avoiding: Set<UUID> = [], id: UUID = UUID()) -> QueueEntry {
        QueueEntry(userID: id, username: "p\(Int(rating))", rating: rating, joinedAt: start.addingTimeInterval(offset), avoided: avoiding)
    }

    @Test func closestRatingsArePairedFirst_andTheGapWidensWithTheWait() async {
        let queue = InProcessMatchmaker()
        let a = entry(1500), b = entry(1510), c = entry(1590), d = entry(1800)
        for player in [a, b, c, d] { _ = await queue.join(player) }
        let first = await queue.pair(at: start)
        #expect(first.count == 1)
        #expect(Set([first[0].0.userID, first[0].1.userID]) == [a.userID, b.userID])
        // 1590 and 1800 are 210 apart: not at first (±100), after 15 s (±250) yes.
        #expect(await queue.pair(at: start.addingTimeInterval(4)).isEmpty)
        #expect(await queue.pair(at: start.addingTimeInterval(14)).isEmpty)
        let later = await queue.pair(at: start.addingTimeInterval(15))
        #expect(later.count == 1 && Set([later[0].0.userID, later[0].1.userID]) == [c.userID, d.userID])
        #expect(await queue.count == 0)
    }

    @Test func blockedPlayersAndTwoTabsOfOnePlayer_areNeverPaired() async {
        let queue = InProcessMatchmaker()
        let me = UUID(), blocked = UUID()
        _ = await queue.join(entry(1500, id: me))
        #expect(await queue.join(entry(1500, id: me)) == nil) // a second tab: still one place in line
        #expect(await queue.pair(at: start.addingTimeInterval(600)).isEmpty)
        _ = await queue.join(entry(1500, avoiding: [me], id: blocked))
        #expect(await queue.pair(at: start.addingTimeInterval(600)).isEmpty)
        let stranger = entry(1900)
        _ = await queue.join(stranger)
        let pairs = await queue.pair(at: start.addingTimeInterval(600))
        #expect(pairs.count == 1 && pairs[0].0.userID != pairs[0].1.userID)
    }

    @Test func aHundredPlayersJoiningAtOnce_areEachPairedExactlyOnce() async {
        let queue = InProcessMatchmaker()
        let players = (0..<100).map { entry(1500 + Double($0 % 7) * 20, waitedSince: Double($0 % 3)) }
        // Joins and pairings interleave, as the ticker and the joins do.
        let pairs = await withTaskGroup(of: [(QueueEntry, QueueEntry)].self) { group in
            for player in players {
                group.addTask {
                    _ = await queue.join(player)
                    return await queue.pair(at: self.start.addingTimeInterval(3))
                }
            }
            var all: [(QueueEntry, QueueEntry)] = []
            for await found in group { all.append(contentsOf: found) }
            return all
        }
        let rest = await queue.pair(at: start.addingTimeInterval(3))
        let everyone = (pairs + rest).flatMap { [$0.0.userID, $0.1.userID] }
        // Nobody twice; whoever is left could not be paired by the rule (which pairs are made
        // depends on how joins and passes interleave, so the count left over varies).
        #expect(Set(everyone).count == everyone.count)
        let left = players.filter { !Set(everyone).contains($0.userID) }
        #expect(PairingRule.pairs(among: left, at: start.addingTimeInterval(3)).isEmpty)
        // Ratings 1500–1620: only a 1500 and a 1620 (120 apart) can be left over, one of each.
        #expect(everyone.count >= 98)
    }
}

@Suite struct QuickMatchTests {
    @Test func twoPlayersInTheQueue_arePaired_intoOneRatedGameTheyBothJoin() async throws {
        // The clock stands still: the allowed gap is the first one however slowly the requests go.
        let clock = TestClock()
        try await withTestApp(gameTiming: fastRemoteGames, clock: clock) { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), bobTab = try await bob.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                let queued = try await alice.send(.POST, "/api/matchmaking")
                #expect(queued.status == .accepted)
                let waiting = try queued.decode(QueueStatusDTO.self)
                #expect(waiting.queued && waiting.rating == 1500)
                #expect(try await alice.send(.GET, "/api/matchmaking").decode(QueueStatusDTO.self).allowedGap == 100)
                clock.advance(by: 1) // Bob comes a second later: Alice waited longer and serves from the left
                #expect(try await bob.send(.POST, "/api/matchmaking").decode(QueueStatusDTO.self).queued == false)
                let foundByAlice = try await aliceTab.next(ServerEvent.matchFound)
                let foundByBob = try await bobTab.next(ServerEvent.matchFound)
                #expect(foundByAlice.game == foundByBob.game)
                #expect(foundByAlice.opponent == "bob" && foundByBob.opponent == "alice")
                let game = foundByAlice.game.uuidString
                try aliceTab.send("join", ["game": game])
                try bobTab.send("join", ["game": game])
                let info = try await aliceTab.next(ServerEvent.game)
                #expect(info.mode == .remote && info.rated)
                #expect(try await bobTab.next(ServerEvent.game).controls == [.right])
                await aliceTab.close()
                await bobTab.close()
            }
        }
    }

    @Test func theQueue_invitationsAndALiveGame_excludeEachOther() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let carol = try await Browser.signedUp(app, "carol")
            try await alice.befriend(bob, named: "bob", me: "alice")
            try await alice.befriend(carol, named: "carol", me: "alice")
            try await withRunningServer(app) { port in
                // Waiting needs a live tab.
                #expect(try await alice.send(.POST, "/api/matchmaking").errorCode == "not_connected")
                var tabs: [TestSocket] = []
                for player in [alice, bob, carol] { tabs.append(try await player.socket(port: port)) }
                for tab in tabs { try await tab.next(ServerEvent.hello) }
                // Queued: no invitations; leaving the queue frees her.
                #expect(try await alice.send(.POST, "/api/matchmaking").status == .accepted)
                #expect(try await alice.invite("bob").errorCode == "in_queue")
                #expect(try await alice.send(.DELETE, "/api/matchmaking").status == .noContent)
                #expect(try await alice.send(.GET, "/api/matchmaking").decode(QueueStatusDTO.self).queued == false)
                // Inviting: no queue.
                let id = try await alice.invited("bob")
                #expect(try await alice.send(.POST, "/api/matchmaking").errorCode == "already_inviting")
                // Playing: no queue either.
                #expect(try await bob.send(.POST, "/api/invitations/\(id)/accept").status == .ok)
                #expect(try await bob.send(.POST, "/api/matchmaking").errorCode == "busy")
                #expect(try await carol.send(.POST, "/api/matchmaking").status == .accepted)
                #expect(try await app.matchmaker.count == 1)
                #expect(try await Browser(app).send(.POST, "/api/matchmaking").status == .unauthorized)
                for tab in tabs { await tab.close() }
            }
        }
    }

    @Test func closingTheLastTab_leavesTheQueue() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                let tab = try await alice.socket(port: port)
                try await tab.next(ServerEvent.hello)
                #expect(try await alice.send(.POST, "/api/matchmaking").status == .accepted)
                await tab.close()
                for _ in 0..<100 where try await app.matchmaker.count > 0 { try await Task.sleep(for: .milliseconds(50)) }
                #expect(try await app.matchmaker.count == 0)
            }
        }
    }
}

@Suite struct LiveFiguresTests {
    @Test func theLandingPageFigures_countPlayersOnlineAndGamesLive_withoutAnAccount() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                let visitor = Browser(app)
                let before = try await visitor.send(.GET, "/api/live")
                #expect(before.status == .ok)
                let quiet = try before.decode(LiveFiguresDTO.self)
                #expect(quiet.playersOnline == 0 && quiet.gamesLive == 0)
                let tab = try await alice.socket(port: port)
                try await tab.next(ServerEvent.hello)
                _ = try await alice.startGame(["mode": "ai"])
                let after = try await visitor.send(.GET, "/api/live").decode(LiveFiguresDTO.self)
                #expect(after.playersOnline == 1 && after.gamesLive == 1)
                await tab.close()
            }
        }
    }
}

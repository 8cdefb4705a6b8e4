import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct InvitationTests {
    @Test func anAcceptedInvitation_startsOneRatedGame_eachSocketSteersOnlyItsSide_andBothRatingsMoveOnce() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let players = try await friends(app, "alice", "bob")
            let (alice, bob) = (players[0], players[1])
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), bobTab = try await bob.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                let id = try await alice.invited("bob", ["pointsToWin": 5, "rated": true])
                let heard = try await bobTab.next(ServerEvent.invitation)
                #expect(heard.status == .pending)
                #expect(heard.rules.rated)
                #expect(try await bobTab.next(ServerEvent.notification).kind == .gameInvite)

                let accepted = try await bob.send(.POST, "/api/invitations/\(id)/accept")
                #expect(accepted.status == .ok, "\(accepted.body.string)")
                let gameID = try #require(try accepted.decode(InvitationDTO.self).gameID).uuidString
                let told = try await aliceTab.next(ServerEvent.invitation, count: 2)
                #expect(told.status == .accepted && told.gameID?.uuidString == gameID)
                #expect(app.games.liveGameCount == 1)

                try aliceTab.send("join", ["game": gameID])
                try bobTab.send("join", ["game": gameID])
                let aliceGame = try await aliceTab.next(ServerEvent.game)
                #expect(aliceGame.controls == [.left])
                #expect(try await bobTab.next(ServerEvent.game).controls == [.right])
                // Both players are shown with their ratings (new players: 1500).
                #expect(aliceGame.left.rating == 1500)
                #expect(aliceGame.right.rating == 1500)
                // Alice can't steer Bob's paddle; her own moves show on Bob's screen.
                try aliceTab.send("input", ["seq": 1, "side": "right", "key": "up"])
                #expect(try await aliceTab.next(ServerEvent.error).code == "not_your_side")
                try await bobTab.waitUntil("a snapshot") { bobTab.lastSnapshot != nil }
                let before = try #require(bobTab.lastSnapshot).leftPaddleY
                try aliceTab.send("input", ["seq": 2, "side": "left", "key": "up"])
                try await bobTab.waitUntil("Alice's paddle moving on Bob's screen") {
                    (bobTab.lastSnapshot?.leftPaddleY ?? before) < before - 20 || !bobTab.all(ServerEvent.over).isEmpty
                }
                try aliceTab.send("input", ["seq": 3, "side": "left", "key": "none"])

                let aliceSummary = try await aliceTab.next(ServerEvent.over, within: 30)
                let bobSummary = try await bobTab.next(ServerEvent.over, within: 30)
                #expect(aliceSummary.status == .finished)
                #expect(aliceSummary.rated)
                let leftChange = try #require(aliceSummary.leftRatingChange)
                let rightChange = try #require(aliceSummary.rightRatingChange)
                // Both accounts are new and friends: the winner's gain is capped, the loser's loss is not.
                #expect(max(leftChange, rightChange) == Int(FairRatingRules.newcomerGainCap))
                #expect(min(leftChange, rightChange) < -100)
                #expect(bobSummary.leftRatingChange == leftChange)
                // The end screen has each rating after the game beside its change.
                #expect(aliceSummary.leftRating == 1500 + leftChange)
                #expect(aliceSummary.rightRating == 1500 + rightChange)
                await aliceTab.close()
                await bobTab.close()
            }
            let match = try #require(try await Match.query(on: app.db).first())
            #expect(match.mode == .remote && match.status == .finished && match.rated)
            #expect(try await RatingChange.query(on: app.db).count() == 2)
            #expect(try await PlayerRating.query(on: app.db).all().allSatisfy { $0.ratedGames == 1 })
            // In both histories, with the opponent and the change.
            for browser in players {
                let item = try #require(try await browser.send(.GET, "/api/matches").decode(MatchPageDTO.self).items.first)
                #expect(item.mode == .remote && item.leftRatingChange != nil)
                #expect(item.leftRatingAfter == 1500 + (item.leftRatingChange ?? 0))
            }
            // Bob's list, whoever reads it, says which side Bob held; the viewer's own side is apart.
            let row = try #require(try await alice.send(.GET, "/api/users/bob/matches").decode(MatchPageDTO.self).items.first)
            #expect(row.playerSide == .right && row.yourSide == .left)
        }
    }

    @Test func badInvitations_areAnsweredWithTheirCodes() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob", "carol")
            let (alice, bob, carol) = (players[0], players[1], players[2])
            let dave = try await Browser.signedUp(app, "dave")
            #expect(try await alice.invite("alice").errorCode == "cannot_invite_yourself")
            #expect(try await alice.invite("dave").errorCode == "not_friends")
            #expect(try await alice.invite("nobody").errorCode == "user_not_found")
            #expect(try await alice.invite("   ").errorCode == "validation_failed")
            let badPoints = try await alice.invite("bob", ["pointsToWin": 0])
            #expect(badPoints.status == .badRequest && badPoints.errorFields["pointsToWin"] != nil)
            #expect(try await alice.invite("bob", ["ballSpeed": "warp"]).status == .badRequest)
            #expect(try await alice.send(.POST, "/api/invitations", json: ["rated": true]).status == .badRequest)

            let id = try await alice.invited("bob")
            #expect(try await alice.invite("bob").errorCode == "invitation_already_sent")
            #expect(try await alice.invite("carol").errorCode == "already_inviting")
            // Only Bob answers it; to anyone else it does not exist.
            #expect(try await carol.send(.POST, "/api/invitations/\(id)/accept").errorCode == "invitation_not_found")
            #expect(try await alice.send(.POST, "/api/invitations/\(id)/accept").errorCode == "invitation_not_found")
            #expect(try await bob.send(.DELETE, "/api/invitations/\(id)").errorCode == "invitation_not_found")
            #expect(try await dave.send(.POST, "/api/invitations/not-an-id/decline").errorCode == "invitation_not_found")
            #expect(try await bob.send(.GET, "/api/invitations").decode(InvitationsDTO.self).incoming.count == 1)

            let declined = try await bob.send(.POST, "/api/invitations/\(id)/decline")
            #expect(try declined.decode(InvitationDTO.self).status == .declined)
            #expect(try await bob.send(.POST, "/api/invitations/\(id)/accept").errorCode == "invitation_closed")
            #expect(try await alice.send(.DELETE, "/api/invitations/\(id)").errorCode == "invitation_closed")

            let second = try await alice.invited("bob")
            let cancelled = try await alice.send(.DELETE, "/api/invitations/\(second)")
            #expect(try cancelled.decode(InvitationDTO.self).status == .cancelled)
            #expect(try await bob.send(.POST, "/api/invitations/\(second)/accept").errorCode == "invitation_closed")

            // A player who blocked you is answered as if they didn't exist; one you blocked, plainly.
            #expect(try await carol.send(.PUT, "/api/blocks/alice").status == .noContent)
            #expect(try await alice.invite("carol").errorCode == "user_not_found")
            #expect(try await carol.invite("alice").errorCode == "user_blocked")
        }
    }

    @Test func aBlock_cancelsPendingInvitationsBothWays() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob")
            let id = try await players[0].invited("bob")
            #expect(try await players[1].send(.PUT, "/api/blocks/alice").status == .noContent)
            #expect(try await GameInvitation.find(UUID(uuidString: id), on: app.db)?.status == .cancelled)
        }
    }

    @Test func anUnansweredInvitation_expiresAfterAMinute() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let players = try await friends(app, "alice", "bob")
            let id = try await players[0].invited("bob")
            clock.advance(by: GameInvitation.lifetime + 1)
            #expect(try await players[1].send(.POST, "/api/invitations/\(id)/accept").errorCode == "invitation_closed")
            #expect(try await players[1].send(.GET, "/api/invitations").decode(InvitationsDTO.self).incoming.isEmpty)
            // Lapsed, it no longer stands in the way of a new one.
            _ = try await players[0].invited("bob")
        }
    }

    @Test func theInviterGoingOffline_expiresTheirInvitation() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob")
            try await withRunningServer(app) { port in
                let aliceTab = try await players[0].socket(port: port), bobTab = try await players[1].socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                _ = try await players[0].invited("bob")
                #expect(try await bobTab.next(ServerEvent.invitation).status == .pending)
                await aliceTab.close()
                #expect(try await bobTab.next(ServerEvent.invitation, count: 2).status == .expired)
                await bobTab.close()
            }
        }
    }

    @Test func twoCrossingInvitations_endInOneGame() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            for round in 0..<3 {
                let players = try await friends(app, "ann\(round)", "ben\(round)")
                let (one, other) = (players[0], players[1])
                let statuses = try await concurrently(2) { index in
                    try await (index == 0 ? one.invite("ben\(round)") : other.invite("ann\(round)")).status.code
                }
                #expect(statuses.sorted() == [200, 201], "\(statuses)")
                let invitations = try await GameInvitation.query(on: app.db).all()
                    .filter { $0.status == .accepted && $0.gameID != nil }
                #expect(invitations.count == round + 1)
            }
            // One game per pair (an unjoined game may already have lapsed: count the records).
            #expect(try await Match.query(on: app.db).filter(\.$mode == .remote).count() == 3)
        }
    }

    @Test func aPlayerInAGame_isBusy() async throws {
        // Nobody joins this game: its no-show grace must outlast the requests on a loaded machine.
        let patient = LiveGame.Timing(tickInterval: .milliseconds(1), countdownTicks: 5, remoteGrace: .seconds(120))
        try await withTestApp(gameTiming: patient) { app in
            let players = try await friends(app, "alice", "bob", "carol")
            let id = try await players[0].invited("bob")
            #expect(try await players[1].send(.POST, "/api/invitations/\(id)/accept").status == .ok)
            #expect(try await players[2].invite("alice").errorCode == "busy")
            #expect(try await players[0].invite("carol").errorCode == "busy")
        }
    }
}

@Suite struct RemoteGameTests {
    /// Alice and Bob in a remote game of `points`, both joined; their sockets.
    private func playing(
        _ app: Application, port: Int, points: Int, rated: Bool = false
    ) async throws -> (TestSocket, TestSocket, String, [Browser]) {
        let players = try await friends(app, "alice", "bob")
        let aliceTab = try await players[0].socket(port: port), bobTab = try await players[1].socket(port: port)
        try await aliceTab.next(ServerEvent.hello)
        try await bobTab.next(ServerEvent.hello)
        let id = try await players[0].invited("bob", ["pointsToWin": points, "rated": rated])
        let gameID = try #require(try await players[1].send(.POST, "/api/invitations/\(id)/accept").decode(InvitationDTO.self).gameID)
            .uuidString
        try aliceTab.send("join", ["game": gameID])
        try bobTab.send("join", ["game": gameID])
        try await aliceTab.next(ServerEvent.game)
        try await bobTab.next(ServerEvent.game)
        return (aliceTab, bobTab, gameID, players)
    }

    @Test func aDroppedConnection_pausesBoth_andComingBackInTime_resumesTheSameScore() async throws {
        let timing = LiveGame.Timing(tickInterval: .milliseconds(1), countdownTicks: 5, remoteGrace: .seconds(15), remotePause: .seconds(2))
        try await withTestApp(gameTiming: timing) { app in
            try await withRunningServer(app) { port in
                let (aliceTab, bobTab, gameID, players) = try await playing(app, port: port, points: 21)
                try await bobTab.next(ServerEvent.point, within: 30)
                await aliceTab.close()
                try await bobTab.waitUntil("Alice's disconnection") {
                    bobTab.all(ServerEvent.paused).contains { $0.reason == "disconnected" }
                }
                let paused = try #require(bobTab.all(ServerEvent.paused).last)
                #expect(paused.by == "alice")
                #expect((paused.secondsLeft ?? 0) > 10)
                let score = try #require(bobTab.lastSnapshot)
                let back = try await players[0].socket(port: port)
                try back.send("join", ["game": gameID])
                try await back.next(ServerEvent.game)
                try await bobTab.next(ServerEvent.resumed)
                try await back.waitUntil("a snapshot") { back.lastSnapshot != nil }
                let resumed = try #require(back.lastSnapshot)
                #expect(resumed.leftScore >= score.leftScore && resumed.rightScore >= score.rightScore)
                #expect(Int(resumed.leftScore) + Int(resumed.rightScore) >= 1)
                await back.close()
                await bobTab.close()
            }
        }
    }

    @Test func notBackInTime_isAForfeitStoredOnce_andRatedOnce() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            try await withRunningServer(app) { port in
                let (aliceTab, bobTab, gameID, players) = try await playing(app, port: port, points: 21, rated: true)
                // Alice is still on the site in another tab, but not in the game.
                let aliceElsewhere = try await players[0].socket(port: port)
                try await aliceElsewhere.next(ServerEvent.hello)
                // Past the first 20 s of play and 3 points: a forfeit then counts for ratings.
                try await bobTab.waitUntil("20 s of play and 3 points") {
                    guard let now = bobTab.lastSnapshot else { return false }
                    return now.tick >= 1_300 && Int(now.leftScore) + Int(now.rightScore) >= 3
                }
                await aliceTab.close()
                let over = try await bobTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .forfeit && over.winner == .right)
                #expect(over.endReason == .disconnected)
                #expect((over.rightRatingChange ?? 0) > 0)
                // She did not see it end, so the bell tells her, from her side; Bob, who saw it, hears nothing.
                let results = { @Sendable in aliceElsewhere.all(ServerEvent.notification).filter { $0.kind == .gameResult } }
                try await aliceElsewhere.waitUntil("the unseen result") { !results().isEmpty }
                let data = try #require(results().first?.data)
                #expect(data["match"] == gameID && data["result"] == "lost" && data["reason"] == "disconnected")
                #expect(data["opponent"] == "bob" && data["score"]?.contains("–") == true)
                let change = try #require(data["ratingChange"].flatMap { Int($0) })
                let after = try #require(data["rating"].flatMap { Int($0) })
                #expect(change < 0 && after < 1500)
                #expect(results().first?.actor?.username == "bob")
                await aliceElsewhere.close()
                await bobTab.close()
                let bobs = try await players[1].send(.GET, "/api/notifications").decode(NotificationPageDTO.self).items
                #expect(!bobs.contains { $0.kind == .gameResult })
            }
            let match = try #require(try await Match.query(on: app.db).first())
            #expect(match.status == .forfeit && match.winner == "right" && match.endReason == .disconnected)
            #expect(try await RatingChange.query(on: app.db).count() == 2)
            let stats = try await Browser(app).send(.GET, "/api/users/bob/stats").decode(PlayerStatsDTO.self)
            #expect(stats.won == 1 && stats.onlineWon == 1 && stats.onlinePlayed == 1)
            #expect(stats.rating > 1500 && stats.ratedGames == 1)
            // Alice left a rated game: it counts against her, never against Bob, who was left.
            let left = try await Abandonment.query(on: app.db).all()
            let alice = try await User.query(on: app.db).filter(\.$username == "alice").first()?.id
            #expect(left.count == 1 && left.first?.$user.id == alice && left.first?.reason == .disconnected)
        }
    }

    @Test func quitting_isAForfeit_andPausesAreTwoEach() async throws {
        // A pause long enough that a busy machine never ends one on its own before Alice resumes it,
        // and slower ticks so the 21 points cannot run out while the test waits between steps.
        let timing = LiveGame.Timing(
            tickInterval: .milliseconds(4), countdownTicks: 5, reconnectGrace: .seconds(20), pauseLimit: .seconds(30),
            remoteGrace: .seconds(8), remotePause: .seconds(300))
        try await withTestApp(gameTiming: timing) { app in
            try await withRunningServer(app) { port in
                let (aliceTab, bobTab, _, _) = try await playing(app, port: port, points: 21)
                try await bobTab.waitUntil("play") { (bobTab.lastSnapshot?.phase ?? 0) == 1 }
                for _ in 0..<2 {
                    // Each count is read before the message that causes the event: read after, a fast
                    // answer would already be in it and the wait would be for one more.
                    let pausedBefore = bobTab.all(ServerEvent.paused).count
                    try aliceTab.send("pause")
                    let paused = try await bobTab.next(ServerEvent.paused, count: pausedBefore + 1)
                    #expect(paused.reason == "player" && paused.by == "alice")
                    // Only Alice may end her pause early.
                    let errorsBefore = bobTab.all(ServerEvent.error).count
                    try bobTab.send("resume")
                    #expect(try await bobTab.next(ServerEvent.error, count: errorsBefore + 1).code == "cannot_pause")
                    let resumedBefore = bobTab.all(ServerEvent.resumed).count
                    try aliceTab.send("resume")
                    try await bobTab.next(ServerEvent.resumed, count: resumedBefore + 1)
                    try await aliceTab.waitUntil("play again") { (aliceTab.lastSnapshot?.phase ?? 0) == 1 }
                }
                try aliceTab.send("pause")
                #expect(try await aliceTab.next(ServerEvent.error).code == "no_pauses_left")
                try bobTab.send("leave")
                let over = try await aliceTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .forfeit && over.winner == .left && over.endReason == .quit)
                await aliceTab.close()
                await bobTab.close()
            }
        }
    }
}

@Suite struct SpectatorTests {
    @Test func aSpectator_seesTheGame_cannotPlay_andThePlayersSeeThemAndEachOthersRoundTrip() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let players = try await friends(app, "alice", "bob")
            let carol = try await Browser.signedUp(app, "carol")
            try await withRunningServer(app) { port in
                let aliceTab = try await players[0].socket(port: port), bobTab = try await players[1].socket(port: port)
                let carolTab = try await carol.socket(port: port)
                for tab in [aliceTab, bobTab, carolTab] { try await tab.next(ServerEvent.hello) }
                let id = try await players[0].invited("bob", ["pointsToWin": 21])
                let gameID = try #require(
                    try await players[1].send(.POST, "/api/invitations/\(id)/accept").decode(InvitationDTO.self).gameID
                ).uuidString
                try aliceTab.send("join", ["game": gameID])
                try bobTab.send("join", ["game": gameID])
                try await aliceTab.next(ServerEvent.game)
                try await bobTab.next(ServerEvent.game)

                let live = try await carol.send(.GET, "/api/games/live").decode([WatchableGameDTO].self)
                #expect(live.count == 1 && live.first?.id.uuidString == gameID && live.first?.mode == .remote)
                try carolTab.send("watch", ["game": gameID])
                let watched = try await carolTab.next(ServerEvent.game)
                #expect(watched.controls.isEmpty && watched.id.uuidString == gameID)
                try await carolTab.waitUntil("keyframes for the spectator", within: 60) { carolTab.snapshots.count > 5 }
                #expect(try await aliceTab.next(ServerEvent.spectators).count == 1)
                #expect(try await carol.send(.GET, "/api/games/live").decode([WatchableGameDTO].self).first?.spectators == 1)
                // Watching is all a spectator does.
                try carolTab.send("input", ["seq": 1, "side": "left", "key": "up"])
                #expect(try await carolTab.next(ServerEvent.error).code == "spectating")
                try carolTab.send("pause")
                #expect(try await carolTab.next(ServerEvent.error, count: 2).code == "spectating")
                try await bobTab.waitUntil("playing") { (bobTab.lastSnapshot?.phase ?? 0) == 1 }
                #expect(bobTab.all(ServerEvent.paused).filter { $0.reason == "player" }.isEmpty)

                // Each player's round trip reaches the other and the spectator.
                try aliceTab.send("latency", ["ms": 42])
                #expect(try await bobTab.next(ServerEvent.latency).left == 42)
                #expect(try await carolTab.next(ServerEvent.latency).left == 42)

                await carolTab.close()
                #expect(try await aliceTab.next(ServerEvent.spectators, count: 2).count == 0)
                #expect(try await Browser(app).send(.GET, "/api/games/live").status == .unauthorized)
                await aliceTab.close()
                await bobTab.close()
            }
        }
    }
}

@Suite struct InvitationLimitTests {
    /// One outgoing invitation at a time holds under a burst: five friends invited at once, one invitation stored.
    @Test func fiveInvitationsSentAtOnce_storeExactlyOne() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob", "carol", "dave", "erin", "frank")
            let alice = players[0]
            let names = ["bob", "carol", "dave", "erin", "frank"]
            let codes = try await withThrowingTaskGroup(of: String.self) { group in
                for name in names {
                    group.addTask {
                        let response = try await alice.invite(name)
                        return response.status == .created ? "created" : response.errorCode ?? "?"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == "created" }.count == 1, "\(codes)")
            #expect(codes.filter { $0 != "created" }.allSatisfy { $0 == "already_inviting" }, "\(codes)")
            #expect(try await GameInvitation.query(on: app.db).filter(\.$status == .pending).count() == 1)
        }
    }
}

@Suite struct DeletedPlayerTests {
    /// Deleting the account mid-game closes its sockets: the other player wins by forfeit after the grace,
    /// the result is stored, and no rating moves for an account that no longer exists.
    @Test func aPlayerWhoDeletesTheirAccountMidGame_losesByForfeit_andTheResultIsStillStored() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let players = try await friends(app, "alice", "bob")
            let (alice, bob) = (players[0], players[1])
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), bobTab = try await bob.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                let id = try await alice.invited("bob", ["pointsToWin": 21, "rated": true])
                let game = try #require(try await bob.send(.POST, "/api/invitations/\(id)/accept").decode(InvitationDTO.self).gameID)
                    .uuidString
                try aliceTab.send("join", ["game": game])
                try bobTab.send("join", ["game": game])
                try await aliceTab.next(ServerEvent.game)
                try await bobTab.next(ServerEvent.game)
                let deleted = try await bob.send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"])
                #expect(deleted.status == .noContent, "\(deleted.body.string)")
                let over = try await aliceTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .forfeit && over.winner == .left)
                #expect(over.endReason == .disconnected)
                await aliceTab.close()
            }
            let match = try #require(try await Match.query(on: app.db).first())
            #expect(match.status == .forfeit && match.winner == "left")
            #expect(match.leftRatingDelta == nil)
            #expect(try await RatingChange.query(on: app.db).count() == 0)
        }
    }
}

@Suite struct ReconnectGraceTests {
    /// Closing and reopening the socket is no endless pause: a player's time away adds up over a
    /// game, and once it reaches the total grace the drop is a forfeit.
    @Test func timeAway_addsUpAcrossDrops_andPastTheTotalIsAForfeit() async throws {
        let timing = LiveGame.Timing(
            tickInterval: .milliseconds(1), countdownTicks: 5, remoteGrace: .seconds(20),
            remoteGraceInTotal: .seconds(10), remotePause: .seconds(20))
        try await withTestApp(gameTiming: timing) { app in
            let players = try await friends(app, "alice", "bob")
            try await withRunningServer(app) { port in
                var aliceTab = try await players[0].socket(port: port)
                let bobTab = try await players[1].socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                let id = try await players[0].invited("bob", ["pointsToWin": 21])
                let gameID = try #require(
                    try await players[1].send(.POST, "/api/invitations/\(id)/accept").decode(InvitationDTO.self).gameID
                ).uuidString
                try aliceTab.send("join", ["game": gameID])
                try bobTab.send("join", ["game": gameID])
                try await bobTab.waitUntil("play") { (bobTab.lastSnapshot?.phase ?? 0) == 1 }

                // First drop: away at least four seconds as the server counts (from Bob hearing of it,
                // which comes after the server saw the drop), then back.
                // Bob may have been told "waiting for alice" if his join came first: only drops count here.
                let drops = { @Sendable in bobTab.all(ServerEvent.paused).filter { $0.reason == "disconnected" } }
                await aliceTab.close()
                try await bobTab.waitUntil("alice's first drop", within: 60) { drops().count >= 1 }
                let first = drops()[0]
                #expect((first.secondsLeft ?? 0) > 8)
                try await Task.sleep(for: .seconds(4))
                aliceTab = try await players[0].socket(port: port)
                try aliceTab.send("join", ["game": gameID])
                try await bobTab.next(ServerEvent.resumed)

                // Second drop: what is left is the total less the first absence, not a fresh 20 s.
                await aliceTab.close()
                try await bobTab.waitUntil("alice's second drop", within: 60) { drops().count >= 2 }
                #expect((drops()[1].secondsLeft ?? 99) <= 6)
                let over = try await bobTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .forfeit && over.winner == .right)
                #expect(over.endReason == .disconnected)
                await bobTab.close()
            }
        }
    }
}

import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// After a remote game either player may ask for another: the same rules, sides swapped, both
/// landing in it. Over real sockets: offer and accept, decline, lapse, leave, crossing offers, and
/// every request that has no rematch to make.
@Suite struct RematchTests {
    /// Alice invites Bob to a game to 1 (to 5 when rated, the shortest rated game); both play it to its end. Its match id.
    private func playedGame(
        _ app: Application, _ alice: Browser, _ bob: Browser, _ aliceTab: TestSocket, _ bobTab: TestSocket, rated: Bool = false
    ) async throws -> String {
        let id = try await alice.invited("bob", ["pointsToWin": rated ? 5 : 1, "rated": rated])
        let accepted = try await bob.send(.POST, "/api/invitations/\(id)/accept")
        let game = try #require(try accepted.decode(InvitationDTO.self).gameID).uuidString
        try aliceTab.send("join", ["game": game])
        try bobTab.send("join", ["game": game])
        _ = try await aliceTab.next(ServerEvent.over, within: 60)
        _ = try await bobTab.next(ServerEvent.over, within: 60)
        try await waitForStoredMatch(game, app: app)
        return game
    }

    private func withTwoPlayers(
        clock: TestClock? = nil,
        _ test: (Application, Browser, Browser, TestSocket, TestSocket, String) async throws -> Void
    ) async throws {
        try await withTestApp(gameTiming: fastRemoteGames, clock: clock) { app in
            let players = try await friends(app, "alice", "bob")
            try await withRunningServer(app) { port in
                let aliceTab = try await players[0].socket(port: port), bobTab = try await players[1].socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                let match = try await playedGame(app, players[0], players[1], aliceTab, bobTab, rated: true)
                try await test(app, players[0], players[1], aliceTab, bobTab, match)
                await aliceTab.close()
                await bobTab.close()
            }
        }
    }

    @Test func anOfferAccepted_startsTheSameGameWithSidesSwapped_andBothLandInIt() async throws {
        try await withTwoPlayers { app, alice, bob, aliceTab, bobTab, match in
            let offered = try await alice.send(.POST, "/api/matches/\(match)/rematch")
            #expect(offered.status == .created, "\(offered.body.string)")
            let heard = try await bobTab.next(ServerEvent.rematch)
            #expect(heard.status == .pending && heard.from == "alice" && heard.to == "bob")
            #expect(heard.secondsLeft > 0 && heard.secondsLeft <= 30)

            let accepted = try await bob.send(.POST, "/api/matches/\(match)/rematch/accept")
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            let game = try #require(try accepted.decode(RematchDTO.self).game)
            let told = try await aliceTab.next(ServerEvent.rematch, count: 2)
            #expect(told.status == .accepted && told.game == game)

            let previous = try #require(try await Match.find(UUID(uuidString: match), on: app.db))
            let next = try #require(try await Match.find(game, on: app.db))
            #expect(next.$leftUser.id == previous.$rightUser.id && next.$rightUser.id == previous.$leftUser.id)
            #expect(next.pointsToWin == previous.pointsToWin && next.ballSpeed == previous.ballSpeed)
            #expect(next.rated == previous.rated && next.status == .live)

            // Both play it: Bob on the left now.
            try aliceTab.send("join", ["game": game.uuidString])
            try bobTab.send("join", ["game": game.uuidString])
            #expect(try await bobTab.next(ServerEvent.game, count: 2).controls == [.left])
            _ = try await aliceTab.next(ServerEvent.over, count: 2, within: 60)
            try await waitForStoredMatch(game.uuidString, app: app)
            // The rematch was made once: asking again for the first game is closed.
            let again = try await bob.send(.POST, "/api/matches/\(match)/rematch")
            #expect(again.status == .conflict && again.errorCode == "rematch_closed")
        }
    }

    @Test func aDeclinedOffer_isClosedForBoth() async throws {
        try await withTwoPlayers { app, alice, bob, aliceTab, _, match in
            #expect(try await alice.send(.POST, "/api/matches/\(match)/rematch").status == .created)
            let declined = try await bob.send(.POST, "/api/matches/\(match)/rematch/decline")
            #expect(try declined.decode(RematchDTO.self).status == .declined)
            #expect(try await aliceTab.next(ServerEvent.rematch, count: 2).status == .declined)
            for (player, path) in [(bob, "rematch/accept"), (alice, "rematch"), (bob, "rematch")] {
                let late = try await player.send(.POST, "/api/matches/\(match)/\(path)")
                #expect(late.status == .conflict && late.errorCode == "rematch_closed", "\(path)")
            }
            #expect(app.games.liveGameCount == 0)
        }
    }

    @Test func anOffer_lapsesAfter30Seconds() async throws {
        let clock = TestClock()
        try await withTwoPlayers(clock: clock) { app, alice, bob, aliceTab, bobTab, match in
            #expect(try await alice.send(.POST, "/api/matches/\(match)/rematch").status == .created)
            _ = try await bobTab.next(ServerEvent.rematch)
            clock.advance(by: 31)
            // The scheduler's sweep tells both; an answer after it finds nothing to accept.
            #expect(try await aliceTab.next(ServerEvent.rematch, count: 2, within: 30).status == .lapsed)
            #expect(try await bobTab.next(ServerEvent.rematch, count: 2).status == .lapsed)
            let late = try await bob.send(.POST, "/api/matches/\(match)/rematch/accept")
            #expect(late.status == .conflict && late.errorCode == "rematch_closed")
            #expect(app.games.liveGameCount == 0)
        }
    }

    @Test func leavingTheEndScreen_withdrawsMyOffer_andClosesTheirs() async throws {
        try await withTwoPlayers { _, alice, bob, _, bobTab, match in
            #expect(try await alice.send(.POST, "/api/matches/\(match)/rematch").status == .created)
            #expect(try await alice.send(.DELETE, "/api/matches/\(match)/rematch").status == .noContent)
            #expect(try await bobTab.next(ServerEvent.rematch, count: 2).status == .withdrawn)
            let late = try await bob.send(.POST, "/api/matches/\(match)/rematch/accept")
            #expect(late.status == .conflict && late.errorCode == "rematch_closed")
        }
        // Bob left before anyone offered: Alice's offer comes too late.
        try await withTwoPlayers { _, alice, bob, _, _, match in
            #expect(try await bob.send(.DELETE, "/api/matches/\(match)/rematch").status == .noContent)
            let late = try await alice.send(.POST, "/api/matches/\(match)/rematch")
            #expect(late.status == .conflict && late.errorCode == "rematch_closed")
        }
    }

    @Test func crossingOffers_makeExactlyOneGame() async throws {
        try await withTwoPlayers { app, alice, bob, _, _, match in
            async let fromAlice = alice.send(.POST, "/api/matches/\(match)/rematch")
            async let fromBob = bob.send(.POST, "/api/matches/\(match)/rematch")
            let answers = try await [fromAlice, fromBob]
            #expect(answers.allSatisfy { $0.status == .created || $0.status == .ok }, "\(answers.map(\.body.string))")
            let games = Set(answers.compactMap { try? $0.decode(RematchDTO.self).game })
            #expect(games.count == 1)
            #expect(app.games.liveGameCount == 1)
            #expect(try await RematchOffer.find(UUID(uuidString: match), on: app.db)?.status == .accepted)
        }
    }

    @Test func requestsWithNoRematchToMake_areAnsweredWithTheirCodes() async throws {
        try await withTwoPlayers { app, alice, bob, _, _, match in
            let carol = try await Browser.signedUp(app, "carol")
            let stranger = try await carol.send(.POST, "/api/matches/\(match)/rematch")
            #expect(stranger.status == .forbidden && stranger.errorCode == "not_your_match")
            for unknown in [UUID().uuidString, "nope"] {
                let missing = try await alice.send(.POST, "/api/matches/\(unknown)/rematch")
                #expect(missing.status == .notFound && missing.errorCode == "match_not_found")
            }
            // Nobody offered Bob anything yet, and Alice can't answer her own offer.
            let nothing = try await bob.send(.POST, "/api/matches/\(match)/rematch/accept")
            #expect(nothing.status == .notFound && nothing.errorCode == "no_rematch_offer")
            #expect(try await alice.send(.POST, "/api/matches/\(match)/rematch").status == .created)
            let twice = try await alice.send(.POST, "/api/matches/\(match)/rematch")
            #expect(twice.status == .conflict && twice.errorCode == "rematch_already_offered")
            let own = try await alice.send(.POST, "/api/matches/\(match)/rematch/accept")
            #expect(own.status == .notFound && own.errorCode == "no_rematch_offer")
            let unauthenticated = try await Browser(app).send(.POST, "/api/matches/\(match)/rematch")
            #expect(unauthenticated.status == .unauthorized)

            // A game on one keyboard has no opponent to ask; a game still played has no end screen.
            try await alice.saveGameSettings(pointsToWin: 1)
            let local = try await alice.startGame(["mode": "local", "leftName": "Ann", "rightName": "Ben"])
            let live = try await alice.send(.POST, "/api/matches/\(local)/rematch")
            #expect(live.status == .conflict && live.errorCode == "game_live")
            let match = try #require(try await Match.find(UUID(uuidString: local), on: app.db))
            match.status = .abandoned
            try await match.update(on: app.db)
            let hosted = try await alice.send(.POST, "/api/matches/\(local)/rematch")
            #expect(hosted.status == .conflict && hosted.errorCode == "no_rematch", "\(hosted.body.string)")
        }
    }
}

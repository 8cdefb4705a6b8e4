import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// Challenge links over real sockets: made, opened, accepted once (of ten at once, exactly one
/// game), declined, cancelled, expired, hidden between players who blocked each other, and every
/// request that has nothing to accept answered with its code.
@Suite struct ChallengeTests {
    private func challenge(_ player: Browser, _ body: [String: Any] = ["pointsToWin": 1]) async throws -> MyChallengeDTO {
        let response = try await player.send(.POST, "/api/challenges", json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(MyChallengeDTO.self)
    }

    private func token(_ made: MyChallengeDTO) -> String {
        String(made.path.dropFirst("/challenge/".count))
    }

    @Test func aLinkOpenedAndAccepted_startsTheGame_andTellsItsCreator() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                let made = try await challenge(alice, ["pointsToWin": 5, "ballSpeed": "fast", "rated": true])
                #expect(made.url.hasSuffix(made.path) && made.path.hasPrefix("/challenge/"))
                #expect(token(made).count >= 43, "256 random bits")
                #expect(made.qrSVG.hasPrefix("<svg") && made.rules.pointsToWin == 5 && made.rules.rated)
                #expect(try await Challenge.query(on: app.db).first()?.tokenHash != token(made), "only its hash is kept")

                let seen = try await bob.send(.GET, "/api/challenges/link/\(token(made))")
                #expect(seen.status == .ok)
                let shown = try seen.decode(ChallengeDTO.self)
                #expect(shown.from.username == "alice" && shown.rules.ballSpeed == .fast)

                let accepted = try await bob.send(.POST, "/api/challenges/link/\(token(made))/accept")
                #expect(accepted.status == .ok, "\(accepted.body.string)")
                let game = try #require(try accepted.decode(ChallengeDTO.self).game)
                let told = try await aliceTab.next(ServerEvent.challenge)
                #expect(told.change == .accepted && told.by == "bob" && told.game == game)
                let match = try #require(try await Match.find(game, on: app.db))
                #expect(match.leftName == "alice" && match.rightName == "bob" && match.rated && match.pointsToWin == 5)

                // Used once: the link leads nowhere now, for anyone.
                let again = try await Browser.signedUp(app, "carol").send(.GET, "/api/challenges/link/\(token(made))")
                #expect(again.status == .notFound && again.errorCode == "challenge_not_found")
                await aliceTab.close()
            }
        }
    }

    @Test func tenPlayersAcceptingAtOnce_makeExactlyOneGame() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            var players: [Browser] = []
            for index in 0..<10 { players.append(try await Browser.signedUp(app, "player\(index)")) }
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                let link = token(try await challenge(alice))
                let answers = try await withThrowingTaskGroup(of: TestingHTTPResponse.self) { group in
                    for player in players { group.addTask { try await player.send(.POST, "/api/challenges/link/\(link)/accept") } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.filter { $0.status == .ok }.count == 1, "\(answers.map(\.status))")
                #expect(answers.filter { $0.status == .notFound && $0.errorCode == "challenge_not_found" }.count == 9)
                #expect(app.games.liveGameCount == 1)
                await aliceTab.close()
            }
        }
    }

    @Test func cancelledExpiredBlockedAndOwnChallenges_areRefused() async throws {
        let clock = TestClock()
        try await withTestApp(gameTiming: unattendedGames, clock: clock) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            let carol = try await Browser.signedUp(app, "carol")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)

                // My own link: seen, but not for me to accept or decline.
                let mine = try await challenge(alice)
                let own = try await alice.send(.POST, "/api/challenges/link/\(token(mine))/accept")
                #expect(own.status == .conflict && own.errorCode == "own_challenge")

                // Declined: the creator hears it, and the link stays open for others.
                #expect(try await bob.send(.POST, "/api/challenges/link/\(token(mine))/decline").status == .noContent)
                let declined = try await aliceTab.next(ServerEvent.challenge)
                #expect(declined.change == .declined && declined.by == "bob")
                #expect(try await carol.send(.GET, "/api/challenges/link/\(token(mine))").status == .ok)

                // Blocked either way: nothing there.
                #expect(try await carol.send(.PUT, "/api/blocks/alice").status == .noContent)
                #expect(try await carol.send(.GET, "/api/challenges/link/\(token(mine))").status == .notFound)
                #expect(try await alice.send(.PUT, "/api/blocks/bob").status == .noContent)
                let blocked = try await bob.send(.POST, "/api/challenges/link/\(token(mine))/accept")
                #expect(blocked.status == .notFound && blocked.errorCode == "challenge_not_found")

                // Cancelled by its creator (only by them).
                let other = try await challenge(alice)
                #expect(try await carol.send(.DELETE, "/api/challenges/\(other.id)").status == .notFound)
                #expect(try await alice.send(.DELETE, "/api/challenges/\(other.id)").status == .noContent)
                #expect(try await alice.send(.DELETE, "/api/challenges/\(other.id)").status == .notFound)
                let dan = try await Browser.signedUp(app, "dan")
                #expect(try await dan.send(.GET, "/api/challenges/link/\(token(other))").status == .notFound)

                // Expired after 30 minutes.
                let late = try await challenge(alice)
                #expect(try await dan.send(.GET, "/api/challenges/link/\(token(late))").status == .ok)
                clock.advance(by: 30 * 60 + 1)
                let expired = try await dan.send(.POST, "/api/challenges/link/\(token(late))/accept")
                #expect(expired.status == .notFound && expired.errorCode == "challenge_not_found")

                // Unknown and malformed links, and no session.
                for link in ["nothing-here", String(repeating: "a", count: 65), "%2E%2E%2Fadmin"] {
                    #expect(try await dan.send(.GET, "/api/challenges/link/\(link)").status == .notFound, "\(link)")
                }
                #expect(try await Browser(app).send(.GET, "/api/challenges/link/\(token(late))").status == .unauthorized)
                await aliceTab.close()
            }
        }
    }

    @Test func aCreatorWhoLeftTheSite_cantBeAccepted_andOpenChallengesAreCapped() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            let link = token(try await challenge(alice))
            let away = try await bob.send(.POST, "/api/challenges/link/\(link)/accept")
            #expect(away.status == .conflict && away.errorCode == "challenger_away")

            // Three open at most, however many arrive at once.
            let answers = try await withThrowingTaskGroup(of: TestingHTTPResponse.self) { group in
                for _ in 0..<6 { group.addTask { try await alice.send(.POST, "/api/challenges", json: ["pointsToWin": 1]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.status == .created }.count == 2, "one was open already")
            #expect(answers.filter { $0.errorCode == "too_many_challenges" }.count == 4)

            for bad in [["pointsToWin": 0], ["pointsToWin": 22]] {
                let refused = try await bob.send(.POST, "/api/challenges", json: bad)
                #expect(refused.status == .badRequest && refused.errorFields["pointsToWin"] != nil)
            }
            let wrongType = try await bob.send(.POST, "/api/challenges", json: ["ballSpeed": "warp"])
            #expect(wrongType.status == .badRequest && wrongType.errorCode == "invalid_json")
        }
    }
}

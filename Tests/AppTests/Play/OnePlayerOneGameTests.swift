import Fluent
import Foundation
import Matchmaking
import Testing
import VaporTesting

@testable import App

/// A player is in at most one remote game, however the ways of starting one race.
@Suite struct OnePlayerOneGameTests {
    private func remote(_ left: (UUID, String), _ right: (UUID, String), app: Application) -> GameSetup {
        GameSetup.remote(
            left: (left.0, left.1, GameSettingsDTO.standard.look), right: (right.0, right.1, GameSettingsDTO.standard.look),
            settings: .standard, rated: false, at: app.clock.now)
    }

    private func id(of username: String, _ app: Application) async throws -> UUID {
        try #require(try await User.query(on: app.db).filter(\.$username == username).first()?.requireID())
    }

    /// Three friends invite V; V accepts all three at once: one game, two refusals, and the other two
    /// invitations end. A refusal is `busy` when it lost the race for the claim, or `invitation_closed`
    /// when the winner's start had already cancelled it (which one depends on timing).
    @Test func threeInvitationsAcceptedAtOnce_startExactlyOneGame() async throws {
        let patient = LiveGame.Timing(tickInterval: .milliseconds(1), countdownTicks: 5, remoteGrace: .seconds(120))
        try await withTestApp(gameTiming: patient) { app in
            let players = try await friends(app, "victor", "ann", "ben", "cat")
            var invitations: [String] = []
            for inviter in players.dropFirst() { invitations.append(try await inviter.invited("victor")) }
            let victor = players[0]
            let answers = try await withThrowingTaskGroup(of: (UInt, String?).self) { group in
                for invitation in invitations {
                    group.addTask {
                        let response = try await victor.send(.POST, "/api/invitations/\(invitation)/accept")
                        return (response.status.code, response.errorCode)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == 200 }.count == 1)
            #expect(answers.filter { $0.0 == 409 && ["busy", "invitation_closed"].contains($0.1) }.count == 2)
            #expect(app.games.liveGameCount == 1)
            let statuses = try await GameInvitation.query(on: app.db).all().map(\.status)
            #expect(statuses.filter { $0 == .accepted }.count == 1)
            #expect(statuses.filter { $0 == .cancelled }.count == 2)
        }
    }

    /// Different routes racing for one player: Victor accepts Ann's invitation at the moment Cat
    /// accepts Victor's challenge link. One game starts, with Victor in it; the other route is
    /// refused as busy, and nothing is left half-started.
    @Test func anInvitationAndAChallengeLinkAcceptedAtOnce_startOneGame() async throws {
        let patient = LiveGame.Timing(tickInterval: .milliseconds(1), countdownTicks: 5, remoteGrace: .seconds(120))
        try await withTestApp(gameTiming: patient) { app in
            let players = try await friends(app, "victor", "ann")
            let (victor, ann) = (players[0], players[1])
            let cat = try await Browser.signedUp(app, "cat")
            try await withRunningServer(app) { port in
                let tab = try await victor.socket(port: port)
                try await tab.next(ServerEvent.hello)
                let invitation = try await ann.invited("victor")
                let made = try await victor.send(.POST, "/api/challenges", json: ["pointsToWin": 5])
                let link = try #require(try made.decode(MyChallengeDTO.self).url.split(separator: "/").last)
                let answers = try await withThrowingTaskGroup(of: (UInt, String?).self) { group in
                    group.addTask {
                        let response = try await victor.send(.POST, "/api/invitations/\(invitation)/accept")
                        return (response.status.code, response.errorCode)
                    }
                    group.addTask {
                        let response = try await cat.send(.POST, "/api/challenges/link/\(link)/accept")
                        return (response.status.code, response.errorCode)
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.filter { $0.0 == 200 }.count == 1, "\(answers)")
                #expect(answers.filter { $0.0 == 409 }.count == 1, "\(answers)")
                #expect(app.games.liveGameCount == 1)
                let victorID = try await id(of: "victor", app)
                #expect(app.games.liveGames(of: victorID).count == 1)
                #expect(try await Match.query(on: app.db).filter(\.$status == .live).count() == 1)
                await tab.close()
            }
        }
    }

    /// Two tournaments' games (or any two ways) starting for the same player at the same moment:
    /// the claim lets exactly one through, the other is told who is busy.
    @Test func twoGamesStartingAtOnceForOnePlayer_oneStarts() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            for name in ["pat", "ann", "ben"] { _ = try await Browser.signedUp(app, name) }
            let pat = (try await id(of: "pat", app), "pat")
            let ann = (try await id(of: "ann", app), "ann"), ben = (try await id(of: "ben", app), "ben")
            let setups = [remote(pat, ann, app: app), remote(ben, pat, app: app)]
            let outcomes = await withTaskGroup(of: UUID?.self) { group in
                for setup in setups {
                    group.addTask {
                        do {
                            _ = try await app.games.start(setup, on: app.eventLoopGroup.any(), db: app.db)
                            return nil
                        } catch let busy as PlayerInAnotherGame {
                            return busy.userID
                        } catch {
                            return UUID() // anything else fails the test below
                        }
                    }
                }
                return await group.reduce(into: [UUID?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.compactMap { $0 } == [pat.0])
            #expect(app.games.liveGames(of: pat.0).count == 1)
            // The game's end frees the player.
            for game in app.games.liveGames(of: pat.0) { _ = try await game.stop().get() }
        }
    }

    /// A queued player whose other game starts leaves the queue: no stranger is paired with them.
    @Test func aQueuedPlayerWhoseGameStarts_leavesTheQueue() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            _ = try await Browser.signedUp(app, "bob")
            try await withRunningServer(app) { port in
                let tab = try await alice.socket(port: port)
                try await tab.next(ServerEvent.hello)
                #expect(try await alice.send(.POST, "/api/matchmaking").status == .accepted)
                let setup = remote((try await id(of: "alice", app), "alice"), (try await id(of: "bob", app), "bob"), app: app)
                _ = try await app.games.start(setup, on: app.eventLoopGroup.any(), db: app.db)
                #expect(try await app.matchmaker.waitingSince(try await id(of: "alice", app)) == nil)
                #expect(try await app.matchmaker.count == 0)
                await tab.close()
            }
        }
    }

    /// A host at the live-game limit can't queue (they could never start the game a pairing makes).
    @Test func aHostAtTheLiveGameLimit_cannotQueue() async throws {
        // Nobody joins these games: their wait must outlast the test on a loaded machine.
        try await withTestApp(gameTiming: unattendedGames) { app in
            let host = try await Browser.signedUp(app, "host")
            for _ in 0..<app.games.limits.gamesPerUser { _ = try await host.startGame(["mode": "ai"]) }
            try await withRunningServer(app) { port in
                let tab = try await host.socket(port: port)
                try await tab.next(ServerEvent.hello)
                let refused = try await host.send(.POST, "/api/matchmaking")
                #expect(refused.status == .conflict && refused.errorCode == "too_many_games")
                #expect(try await app.matchmaker.count == 0)
                await tab.close()
            }
        }
    }

    /// A stranger paired with me who never comes: nothing is recorded (unrated, abandoned), and I go
    /// back to the front of the queue, where a newcomer is paired with me.
    @Test func aPairingWhosePlayerNeverArrives_isCancelledUnrated_andTheOtherGoesBackToTheFront() async throws {
        let timing = LiveGame.Timing(tickInterval: .milliseconds(1), countdownTicks: 5, remoteGrace: .seconds(3))
        try await withTestApp(gameTiming: timing) { app in
            let here = try await Browser.signedUp(app, "here"), away = try await Browser.signedUp(app, "away")
            let late = try await Browser.signedUp(app, "late")
            try await withRunningServer(app) { port in
                let hereTab = try await here.socket(port: port), awayTab = try await away.socket(port: port)
                try await hereTab.next(ServerEvent.hello)
                try await awayTab.next(ServerEvent.hello)
                #expect(try await here.send(.POST, "/api/matchmaking").status == .accepted)
                let joinedAt = try #require(try await app.matchmaker.waitingSince(try await id(of: "here", app)))
                _ = try await away.send(.POST, "/api/matchmaking")
                let game = try await hereTab.next(ServerEvent.matchFound).game.uuidString
                try hereTab.send("join", ["game": game]) // "away" never joins
                let over = try await hereTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .abandoned && over.endReason == .noShow)
                #expect(over.backInQueue && over.winner == nil)
                try await waitForStoredMatch(game, app: app)
                #expect(try await RatingChange.query(on: app.db).count() == 0)
                let hereID = try await id(of: "here", app)
                let deadline = Date().addingTimeInterval(60)
                while try await app.matchmaker.waitingSince(hereID) == nil, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(try await app.matchmaker.waitingSince(hereID) == joinedAt)
                #expect(try await app.matchmaker.waitingSince(try await id(of: "away", app)) == nil)
                // The next player is paired with the one who waited.
                let lateTab = try await late.socket(port: port)
                try await lateTab.next(ServerEvent.hello)
                _ = try await late.send(.POST, "/api/matchmaking")
                #expect(try await lateTab.next(ServerEvent.matchFound).opponent == "here")
                for tab in [hereTab, awayTab, lateTab] { await tab.close() }
            }
        }
    }

    /// After a failed pairing only the player who could not play leaves; the innocent one goes back.
    @Test func aFailedPairing_dropsOnlyThePlayerAtFault() {
        let left = QueueEntry(userID: UUID(), username: "h", rating: 1500, joinedAt: Date(), avoided: [])
        let right = QueueEntry(userID: UUID(), username: "w", rating: 1500, joinedAt: Date(), avoided: [])
        let busy = QuickMatchService.stillWaiting(after: PlayerInAnotherGame(userID: left.userID), left: left, right: right) { _ in false }
        #expect(busy == [right])
        let atLimit = QuickMatchService.stillWaiting(after: AppError.tooManyGames(3), left: left, right: right) { $0 == left.userID }
        #expect(atLimit == [right])
        let nobodys = QuickMatchService.stillWaiting(after: AppError.serverBusy, left: left, right: right) { _ in false }
        #expect(nobodys == [left, right])
    }
}

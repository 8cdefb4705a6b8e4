import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// A live game belongs to the instance running it: when that instance stops beating, the leader
/// ends the game `abandoned`, once; a game whose instance still beats is left alone.
@Suite(.enabled(if: testsRunOnPostgres, "instances beat in PostgreSQL"))
struct GameOwnershipTests {
    @Test func aGameOfAnInstanceThatStoppedBeating_isAbandonedOnce_andGamesOfLiveInstancesAreNot() async throws {
        let clock = TestClock()
        try await withTestCluster(2, clock: clock) { instances in
            let app = instances[0].app
            try await Browser(app).signUp("alice")
            let alice = try #require(try await User.query(on: app.db).first()?.requireID())
            func liveGame(ownedBy owner: String) async throws -> UUID {
                let setup = GameSetup(
                    id: UUID(), hostID: alice, mode: .ai, left: .user(alice, username: "alice"), right: .ai(.easy),
                    settings: .standard, seed: 1, startedAt: clock.now)
                try await MatchStore(database: { app.db }, clock: app.clock, instanceID: owner).create(setup, on: app.db)
                return setup.id
            }
            let ghosts = try await liveGame(ownedBy: "an-instance-that-died")
            // Whichever instance leads, a game of its own and one of the other instance stay live.
            let alive = [
                try await liveGame(ownedBy: instances[0].app.config.instanceID),
                try await liveGame(ownedBy: instances[1].app.config.instanceID)
            ]
            // The leader's job runs every beat; a silence of 20 s means gone.
            clock.advance(by: GameOwnership.beat + 1)
            let ended = try await eventually {
                try await Match.find(ghosts, on: app.db)?.status
            } until: {
                $0 == .abandoned
            }
            #expect(ended == .abandoned)
            clock.advance(by: GameOwnership.beat + 1)
            _ = try await eventually {
                (instances[0].app.scheduler.runs(of: GameOwnership.orphanJob), instances[1].app.scheduler.runs(of: GameOwnership.orphanJob))
            } until: {
                $0.0 + $0.1 >= 2
            }
            for game in alive { #expect(try await Match.find(game, on: app.db)?.status == .live) }
            #expect(try await Match.query(on: app.db).filter(\.$status == .abandoned).count() == 1)
        }
    }

    /// The leader ending a dead instance's games and another instance taking them over race for
    /// each game: each ends up taken over (and live) or abandoned (still the dead one's), never a
    /// game taken over and then ended under its new owner.
    @Test func endingAndTakingOverADeadInstancesGames_race_andEachGameHasOneFate() async throws {
        let clock = TestClock()
        try await withTestCluster(2, clock: clock) { instances in
            let (leader, survivor) = (instances[0].app, instances[1].app)
            try await Browser(leader).signUp("alice")
            let alice = try #require(try await User.query(on: leader.db).first()?.requireID())
            let store = MatchStore(database: { leader.db }, clock: leader.clock, instanceID: leader.config.instanceID)
            var games: [UUID] = []
            for _ in 0..<20 {
                let setup = GameSetup(
                    id: UUID(), hostID: alice, mode: .ai, left: .user(alice, username: "alice"), right: .ai(.easy),
                    settings: .standard, seed: 1, startedAt: clock.now)
                try await MatchStore(database: { leader.db }, clock: leader.clock, instanceID: "dead").create(setup, on: leader.db)
                games.append(setup.id)
            }
            let contested = games
            async let ended = store.abandonInterruptedGames(alone: false, starting: false, on: leader.db)
            async let taken = withThrowingTaskGroup(of: Bool.self) { group in
                for game in contested {
                    group.addTask {
                        try await GameOwnership.takeOver(game, from: "dead", by: survivor.config.instanceID, on: survivor.db)
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            let (endedGames, takenCount) = try await (ended, taken)
            #expect(endedGames.count + takenCount == games.count)
            for game in games {
                let match = try #require(try await Match.find(game, on: leader.db))
                let fate = (match.status, match.ownerInstance)
                #expect(fate == (.live, survivor.config.instanceID) || fate == (.abandoned, "dead"), "\(fate)")
            }
        }
    }
}

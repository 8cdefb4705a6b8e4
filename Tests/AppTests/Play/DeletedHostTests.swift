import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct DeletedHostTests {
    /// A match record outlives its host: the other player keeps the game in their history.
    @Test func aDeletedHostsRemoteGame_staysInTheOtherPlayersHistory() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let aliceID = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "alice").first()?.requireID())
            let bobID = try #require(try await User.query(on: app.db).filter(\.$usernameKey == "bob").first()?.requireID())
            let settings = GameSettingsDTO.standard
            var setup = GameSetup.remote(
                left: (aliceID, "alice", settings.look), right: (bobID, "bob", settings.look),
                settings: settings, rated: false, at: Date())
            setup.rated = false
            let store = MatchStore(database: { app.db }, clock: app.clock, instanceID: app.config.instanceID)
            try await store.create(setup, on: app.db)
            try await store.finish(
                GameOutcome(
                    setup: setup, status: .finished, leftScore: 5, rightScore: 3, winner: .left,
                    points: [], longestRally: 4, totalHits: 20))
            let local = GameSetup(
                id: UUID(), hostID: aliceID, mode: .local, left: .user(aliceID, username: "alice"),
                right: .guest("Zed"), settings: settings, seed: 1, startedAt: Date())
            try await store.create(local, on: app.db)

            let deleted = try await alice.send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"])
            #expect(deleted.status == .noContent)
            // Both records remain (the all-time figures count them); the remote one is still Bob's.
            #expect(try await Match.query(on: app.db).count() == 2)
            let remote = try #require(try await Match.find(setup.id, on: app.db))
            #expect(remote.$host.id == nil && remote.$leftUser.id == nil && remote.$rightUser.id == bobID)
            #expect(try await bob.send(.GET, "/api/matches").decode(MatchPageDTO.self).items.count == 1)
        }
    }
}

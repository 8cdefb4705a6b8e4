import Fluent
import Foundation
import PongCore
import Testing
import VaporTesting

@testable import App

/// Every finished game can be watched again: its key changes are stored with the result, and
/// `GET /api/matches/{id}/replay` re-simulates it to the stored score (the suite's own teardown
/// replays every game every test plays, `auditReplays`). Bad cases answer with their codes.
@Suite struct ReplayTests {
    /// An AI game, first to 2, in which the player keeps changing keys over the socket.
    private func playedAIGame(_ app: Application, _ alice: Browser, port: Int) async throws -> String {
        try await alice.saveGameSettings(pointsToWin: 2, ballSpeed: "fast")
        let id = try await alice.startGame(["mode": "ai", "difficulty": "easy"])
        let socket = try await alice.socket(port: port)
        try socket.send("join", ["game": id])
        try await socket.next(ServerEvent.game)
        var sequence = 0
        while socket.all(ServerEvent.over).isEmpty, sequence < 4_000 {
            sequence += 1
            try socket.send("input", ["seq": sequence, "side": "left", "key": ["up", "none", "down"][sequence % 3]])
            try await Task.sleep(for: .milliseconds(15))
        }
        _ = try await socket.next(ServerEvent.over, within: 120)
        await socket.close()
        try await waitForStoredMatch(id, app: app)
        return id
    }

    @Test func anAIGame_replaysToItsStoredScore_withThePlayersKeys() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                let id = try await playedAIGame(app, alice, port: port)
                let detail = try await alice.send(.GET, "/api/matches/\(id)").decode(MatchDetailDTO.self)
                #expect(detail.replay == .available)
                // Public like the match: a visitor may watch it too.
                let response = try await Browser(app).send(.GET, "/api/matches/\(id)/replay")
                #expect(response.status == .ok, "\(response.body.string)")
                let replay = try response.json()
                let fields = try #require(replay["keyframeFields"] as? [String])
                let frames = try #require(replay["keyframes"] as? [[Any]])
                let last = try #require(frames.last)
                let score = { (name: String) in last[fields.firstIndex(of: name)!] as? Int }
                #expect(score("leftScore") == detail.match.leftScore && score("rightScore") == detail.match.rightScore)
                #expect((replay["points"] as? [Any])?.count == detail.points.count)
                #expect(replay["endTick"] as? Int == last[0] as? Int)
                let encoded = try #require(replay["inputLog"] as? String)
                let bytes = try #require(Data(base64Encoded: encoded))
                let log = try #require(InputLog(encoded: [UInt8](bytes)))
                // The player's keys are there (the AI's are too whenever it moved: a replay without them
                // would end elsewhere, which the teardown's audit of every game would catch).
                #expect(log.entries.contains { $0.side == .left })
                #expect(bytes.count < 8_000, "a few KB per game: \(bytes.count) bytes")
            }
        }
    }

    @Test func aGameOnOneKeyboard_isReplayedOnlyByItsHost() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            try await alice.saveGameSettings(pointsToWin: 1, ballSpeed: "fast")
            let id = try await alice.startGame(["mode": "local", "leftName": "Ann", "rightName": "Ben"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": id])
                try socket.send("input", ["seq": 1, "side": "right", "key": "up"])
                _ = try await socket.next(ServerEvent.over, within: 120)
                await socket.close()
            }
            try await waitForStoredMatch(id, app: app)
            #expect(try await alice.send(.GET, "/api/matches/\(id)/replay").status == .ok)
            for viewer in [bob, Browser(app)] {
                let refused = try await viewer.send(.GET, "/api/matches/\(id)/replay")
                #expect(refused.status == .forbidden && refused.errorCode == "replay_private")
                #expect(try await viewer.send(.GET, "/api/matches/\(id)").decode(MatchDetailDTO.self).replay == .hostOnly)
            }
        }
    }

    @Test func aLiveGame_anUnknownOne_andOneFromBeforeReplays_areAnsweredClearly() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let live = try await alice.startGame(["mode": "ai"])
            let playing = try await alice.send(.GET, "/api/matches/\(live)/replay")
            #expect(playing.status == .conflict && playing.errorCode == "game_live")
            for unknown in [UUID().uuidString, "not-an-id", "%00"] {
                let missing = try await alice.send(.GET, "/api/matches/\(unknown)/replay")
                #expect(missing.status == .notFound && missing.errorCode == "match_not_found", "\(unknown)")
            }
            // A result stored the way it was before games were recorded: no log.
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "alice").first())
            let setup = GameSetup(
                id: UUID(), hostID: try user.requireID(), mode: .ai, left: .user(try user.requireID(), username: "alice"),
                right: .ai(.easy), settings: .standard, seed: 1, startedAt: Date())
            let store = MatchStore(database: { app.db }, clock: app.clock, instanceID: app.config.instanceID)
            try await store.create(setup, on: app.db)
            try await store.finish(
                GameOutcome(
                    setup: setup, status: .abandoned, leftScore: 0, rightScore: 0, winner: nil, points: [], longestRally: 0,
                    totalHits: 0))
            let old = try await alice.send(.GET, "/api/matches/\(setup.id)/replay")
            #expect(old.status == .notFound && old.errorCode == "no_replay")
            #expect(
                try await alice.send(.GET, "/api/matches/\(setup.id)").decode(MatchDetailDTO.self).replay
                    == MatchDetailDTO.ReplayAvailability.none)
        }
    }

    @Test func aDamagedStoredLog_isNoReplay_neverA500() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            var played: String?
            try await withRunningServer(app) { port in played = try await playedAIGame(app, alice, port: port) }
            let id = try #require(played)
            let stored = try #require(try await MatchReplay.find(UUID(uuidString: id), on: app.db))
            stored.inputLog = Data([1, 0xFF])
            try await stored.update(on: app.db)
            let damaged = try await alice.send(.GET, "/api/matches/\(id)/replay")
            #expect(damaged.status == .notFound && damaged.errorCode == "no_replay")
            // Nothing for the teardown's audit to trip on: the damage was this test's own.
            try await stored.delete(on: app.db)
        }
    }
}

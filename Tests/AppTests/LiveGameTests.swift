import Foundation
import NIOHTTP1
import Testing
import VaporTesting

@testable import App

/// Games run 16× faster than real time here; the rules are the same. The grace
/// period stays long enough for a busy machine running the suite in parallel.
let fastGames = LiveGame.Timing(
    tickInterval: .milliseconds(1), countdownTicks: 5, reconnectGrace: .seconds(20), pauseLimit: .seconds(30))

/// Fast games nobody has to join: the wait for a player outlasts any test on a loaded machine.
let unattendedGames = LiveGame.Timing(
    tickInterval: .milliseconds(1), countdownTicks: 5, reconnectGrace: .seconds(300),
    remoteGrace: .seconds(300))

extension Browser {
    func saveGameSettings(pointsToWin: Int, ballSpeed: String = "normal") async throws {
        let response = try await send(
            .PUT, "/api/me/game-settings",
            json: [
                "pointsToWin": pointsToWin, "ballSpeed": ballSpeed, "paddleSize": "normal", "aiDifficulty": "medium",
                "look": ["theme": "classic", "paddle": "#ffffff", "ball": "#ffffff", "table": "#000000"]
            ])
        #expect(response.status == .ok)
    }

    func startGame(_ body: [String: Any]) async throws -> String {
        let response = try await send(.POST, "/api/games", json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(StartedGameDTO.self).id.uuidString
    }

    func socket(port: Int) async throws -> TestSocket {
        try await TestSocket.connect(port: port, cookie: cookie)
    }
}

@Suite struct LiveGameTests {
    @Test func startGame_takesRulesFromStoredSettingsNeverAScoreFromTheClient() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            try await alice.saveGameSettings(pointsToWin: 3)
            let response = try await alice.send(
                .POST, "/api/games",
                json: [
                    "mode": "local", "rightName": "Bob", "leftScore": 2, "score": [2, 0], "pointsToWin": 1, "seed": 7
                ])
            #expect(response.status == .created)
            let game = try response.decode(StartedGameDTO.self)
            #expect(game.settings.pointsToWin == 3)
            #expect(game.left.name == "alice")
            #expect(game.right.kind == .guest)

            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": game.id.uuidString])
                try await socket.next(ServerEvent.game)
                try await socket.waitUntil("a snapshot") { socket.lastSnapshot != nil }
                let first = try #require(socket.snapshots.first)
                #expect(first.leftScore == 0 && first.rightScore == 0)
                await socket.close()
            }
        }
    }

    @Test(arguments: [
        (#"{"mode":"ranked"}"#, "invalid_json", "mode"),
        (#"{"mode":"local"}"#, "validation_failed", "rightName"),
        (#"{"mode":"local","rightName":"   "}"#, "validation_failed", "rightName"),
        (#"{"mode":"local","rightName":"bbbbbbbbbbbbbbbbbbbbb"}"#, "validation_failed", "rightName"),
        (#"{"mode":"local","rightName":"Bob","leftName":"Ann\u0007"}"#, "validation_failed", "leftName"),
        (#"{"mode":"ai","difficulty":"impossible"}"#, "invalid_json", "difficulty"),
        // Nobody passes for the host, and two guests can't share a name (whatever the case).
        (#"{"mode":"local","rightName":"ALICE"}"#, "validation_failed", "rightName"),
        (#"{"mode":"local","rightName":"Bob","leftName":" alice "}"#, "validation_failed", "leftName"),
        (#"{"mode":"local","rightName":"bob","leftName":"Bob"}"#, "validation_failed", "rightName"),
        (#"{"mode":"remote","rightName":"Bob"}"#, "validation_failed", "mode")
    ])
    func startGame_rejectsBadInputNamingTheField(bodyJSON: String, code: String, field: String) async throws {
        let body = try JSONSerialization.jsonObject(with: Data(bodyJSON.utf8)) as? [String: Any] ?? [:]
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            let response = try await alice.send(.POST, "/api/games", json: body)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == code)
            #expect(response.errorFields[field] != nil, "\(response.body.string)")
            let live = try await alice.send(.GET, "/api/games")
            #expect(live.body.string == "[]")
        }
    }

    @Test func startGame_needsASessionAndTheSiteHeader() async throws {
        try await withTestApp { app in
            let anonymous = try await Browser(app).send(.POST, "/api/games", json: ["mode": "ai"])
            #expect(anonymous.status == .unauthorized)
            let alice = Browser(app)
            try await alice.signUp("alice")
            let forged = try await alice.send(.POST, "/api/games", json: ["mode": "ai"], csrf: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test func liveGames_perUserAreCapped() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            for _ in 0..<app.games.limits.gamesPerUser { _ = try await alice.startGame(["mode": "ai"]) }
            let refused = try await alice.send(.POST, "/api/games", json: ["mode": "ai"])
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "too_many_games")
        }
    }

    /// A crash the instant the end screen appears must not lose the result: it is stored before "over" is sent.
    @Test func theResult_isStoredBeforeTheEndIsAnnounced() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await alice.saveGameSettings(pointsToWin: 1, ballSpeed: "fast")
            let id = try await alice.startGame(["mode": "local", "leftName": "Ann", "rightName": "Bob"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": id])
                _ = try await socket.next(ServerEvent.over, within: 120)
                let match = try await Match.find(UUID(uuidString: id), on: app.db)
                #expect(match?.status == .finished)
                await socket.close()
            }
        }
    }

    @Test func localGame_playsToTheEndAndIsStoredWithItsTimeline() async throws {
        nonisolated(unsafe) var endScreenDuration: Double?
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            try await alice.saveGameSettings(pointsToWin: 2, ballSpeed: "fast")
            let id = try await alice.startGame(["mode": "local", "leftName": "Ann", "rightName": "Bob"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": id])
                let summary = try await socket.next(ServerEvent.over, within: 120)
                #expect(summary.status == .finished)
                endScreenDuration = summary.durationSeconds
                #expect(max(summary.leftScore, summary.rightScore) == 2)
                #expect(socket.all(ServerEvent.point).count == summary.leftScore + summary.rightScore)
                #expect(socket.lastSnapshot?.phase == 3)
                await socket.close()
            }
            try await waitForStoredMatch(id, app: app)
            let items = try await alice.send(.GET, "/api/matches").decode(MatchPageDTO.self).items
            #expect(items.count == 1)
            #expect(items.first?.status == .finished)
            #expect(items.first?.yourSide == nil)
            // Ann and Bob played on Alice's keyboard: hosted in her history, not on her public page or in her figures.
            #expect(items.first?.hosted == true)
            #expect(try await alice.send(.GET, "/api/users/alice/matches").decode(MatchPageDTO.self).total == 0)
            #expect(try await alice.send(.GET, "/api/users/alice/stats").decode(PlayerStatsDTO.self).played == 0)
            let detail = try await alice.send(.GET, "/api/matches/\(id)").decode(MatchDetailDTO.self)
            let points = detail.points
            #expect(points.map(\.number) == Array(1...points.count))
            let times = points.map(\.atMilliseconds)
            #expect(times == times.sorted() && times.count == points.count)
            #expect(app.games.liveGameCount == 0)
            // One duration everywhere: the end screen's is the match page's, and it ends with the last point.
            let duration = try #require(endScreenDuration)
            #expect(detail.match.durationSeconds == duration)
            #expect(abs(duration * 1000 - Double(times.last ?? 0)) < 20)
        }
    }

    @Test func matchStore_writesAResultExactlyOnce() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            let user = try #require(try await User.query(on: app.db).first())
            let setup = GameSetup(
                id: UUID(), hostID: try user.requireID(), mode: .ai, left: .user(try user.requireID(), username: "alice"),
                right: .ai(.easy), settings: .standard, seed: 1, startedAt: Date())
            let store = MatchStore(database: { app.db }, clock: app.clock, instanceID: app.config.instanceID)
            try await store.create(setup, on: app.db)
            let point = PointRecord(number: 1, atMilliseconds: 1500, scorer: .left, rally: 3, leftScore: 1, rightScore: 0)
            let outcome = GameOutcome(
                setup: setup, status: .finished, leftScore: 1, rightScore: 0, winner: .left,
                points: [point], longestRally: 3, totalHits: 3)
            #expect(try await store.finish(outcome) != nil)
            let second = try await store.finish(outcome)
            #expect(second == nil)
            #expect(try await MatchPoint.query(on: app.db).count() == 1)
            // A restart finds nothing live to abandon, and leaves the result alone.
            _ = try await store.abandonInterruptedGames(alone: true, on: app.db)
            #expect(try await Match.find(setup.id, on: app.db)?.status == .finished)
        }
    }

    @Test func aiGame_thePlayerSteersTheirOwnPaddleOnly() async throws {
        try await withTestApp(gameTiming: LiveGame.Timing(tickInterval: .milliseconds(4), countdownTicks: 5)) { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            let id = try await alice.startGame(["mode": "ai", "difficulty": "easy"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": id])
                let game = try await socket.next(ServerEvent.game)
                #expect(game.controls == [.left])
                try socket.send("input", ["seq": 1, "side": "right", "key": "up"])
                let error = try await socket.next(ServerEvent.error)
                #expect(error.code == "not_your_side")

                try await socket.waitUntil("a snapshot") { socket.lastSnapshot != nil }
                let start = try #require(socket.lastSnapshot).leftPaddleY
                try socket.send("input", ["seq": 2, "side": "left", "key": "up"])
                try await socket.waitUntil("the left paddle to rise") {
                    guard let now = socket.lastSnapshot else { return false }
                    return now.lastInput == 2 && now.leftPaddleY < start - 20
                }
                try socket.send("leave")
                let summary = try await socket.next(ServerEvent.over)
                #expect(summary.status == .abandoned)
                #expect(summary.winner == nil)
                await socket.close()
            }
            try await waitForStoredMatch(id, app: app)
            let match = try #require(try await Match.find(UUID(uuidString: id), on: app.db))
            #expect(match.status == .abandoned && match.winner == nil)
            #expect(match.rightKind == .ai && match.rightAILevel == "easy")
        }
    }

    @Test func malformedAndFloodingInput_isRefusedAndTheGameGoesOn() async throws {
        try await withTestApp(gameTiming: LiveGame.Timing(tickInterval: .milliseconds(8), countdownTicks: 5, reconnectGrace: .seconds(30)))
        { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            try await alice.saveGameSettings(pointsToWin: 21, ballSpeed: "slow")
            let id = try await alice.startGame(["mode": "local", "rightName": "Bob"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": id])
                try await socket.next(ServerEvent.game)
                for bad in [
                    "not json", #"{"t":"warp"}"#, #"{"t":"input","d":{"seq":"x","side":"left","key":"up"}}"#,
                    #"{"t":"input","d":{"seq":1,"side":"middle","key":"up"}}"#, #"{"d":{}}"#, "[]"
                ] {
                    socket.sendRaw(bad)
                }
                socket.socket.send([UInt8]([0, 1, 2, 3]), promise: nil)
                try await socket.waitUntil("seven refusals") { socket.all(ServerEvent.error).count >= 7 }
                #expect(Set(socket.all(ServerEvent.error).map(\.code)) == ["invalid_message"])
                let before = socket.snapshots.count
                try await socket.waitUntil("more keyframes", within: 60) { socket.snapshots.count > before + 10 }

                // A flood far past two inputs per tick: refused, then cut off.
                for sequence in 0..<2_000 {
                    try socket.send("input", ["seq": sequence, "side": "left", "key": sequence % 2 == 0 ? "up" : "down"])
                }
                try await socket.waitUntil("the flooding socket to close") { socket.isClosed }
                #expect(socket.all(ServerEvent.error).contains { $0.code == "rate_limited" })

                // The game survived, paused, and a fresh connection picks it up.
                let again = try await alice.socket(port: port)
                try again.send("join", ["game": id])
                let game = try await again.next(ServerEvent.game)
                #expect(game.paused)
                try again.send("resume")
                try await again.next(ServerEvent.resumed)
                let resumedAt = again.snapshots.count
                try await again.waitUntil("keyframes after resuming", within: 60) { again.snapshots.count > resumedAt + 10 }
                await again.close()
            }
        }
    }

    @Test func oversizedAndEndlesslyFragmentedMessages_closeTheConnection() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            try await withRunningServer(app) { port in
                let big = try await alice.socket(port: port)
                big.sendRaw(String(repeating: "x", count: 64 * 1024))
                try await big.waitUntil("the oversized sender to be closed") { big.isClosed }

                let fragments = try await alice.socket(port: port)
                let chunk = [UInt8](repeating: 0x61, count: 4096)
                for _ in 0..<256 where !fragments.isClosed {
                    fragments.socket.send(raw: chunk, opcode: .text, fin: false, promise: nil)
                    try await Task.sleep(for: .milliseconds(1))
                }
                try await fragments.waitUntil("the fragment streamer to be closed") { fragments.isClosed }

                // Well-behaved clients are unaffected.
                let fine = try await alice.socket(port: port)
                try fine.send("ping", ["at": 12.5])
                #expect(try await fine.next(ServerEvent.pong).at == 12.5)
                await fine.close()
            }
        }
    }

    @Test func otherUsers_cannotJoinSteerOrListSomeoneElsesGame() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            let bob = Browser(app)
            try await bob.signUp("bob")
            let id = try await alice.startGame(["mode": "ai"])
            try await withRunningServer(app) { port in
                let intruder = try await bob.socket(port: port)
                try intruder.send("join", ["game": id])
                #expect(try await intruder.next(ServerEvent.error).code == "game_not_found")
                try intruder.send("input", ["seq": 1, "side": "left", "key": "up"])
                #expect(try await intruder.next(ServerEvent.error, count: 2).code == "not_in_game")
                try intruder.send("join", ["game": UUID().uuidString])
                #expect(try await intruder.next(ServerEvent.error, count: 3).code == "game_not_found")
                #expect(intruder.snapshots.isEmpty)
                await intruder.close()
            }
            let bobsGames = try await bob.send(.GET, "/api/games")
            #expect(bobsGames.body.string == "[]")
            let alicesGames = try await alice.send(.GET, "/api/games").decode([StartedGameDTO].self)
            #expect(alicesGames.count == 1)
        }
    }

    @Test func upgrade_isRefusedWithoutASessionFromAForeignOriginOrWithoutUpgrading() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            let upgrade: [(String, String)] = [
                ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), ("Sec-WebSocket-Version", "13")
            ]
            let anonymous = try await Browser(app).send(.GET, "/api/ws", headers: upgrade + [("Origin", "http://127.0.0.1:8080")])
            #expect(anonymous.status == .unauthorized)
            let foreign = try await alice.send(.GET, "/api/ws", headers: upgrade + [("Origin", "https://evil.example")], csrf: false)
            #expect(foreign.status == .forbidden)
            #expect(foreign.errorCode == "origin_not_allowed")
            let noOrigin = try await alice.send(.GET, "/api/ws", headers: upgrade, csrf: false)
            #expect(noOrigin.status == .forbidden)
            let plain = try await alice.send(.GET, "/api/ws")
            #expect(plain.status == .badRequest)

            try await withRunningServer(app) { port in
                await #expect(throws: (any Error).self) {
                    _ = try await TestSocket.connect(port: port, cookie: alice.cookie, origin: "https://evil.example")
                }
                await #expect(throws: (any Error).self) {
                    _ = try await TestSocket.connect(port: port, cookie: nil)
                }
            }
        }
    }

    @Test func disconnectedPlayer_pausesTheGameThenItIsAbandonedOnce() async throws {
        // Short enough to wait for, long enough that a loaded machine has joined well before it runs out.
        let shortGrace = LiveGame.Timing(tickInterval: .milliseconds(1), countdownTicks: 5, reconnectGrace: .seconds(10))
        try await withTestApp(gameTiming: shortGrace) { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            try await alice.saveGameSettings(pointsToWin: 21, ballSpeed: "slow")
            let id = try await alice.startGame(["mode": "ai"])
            try await withRunningServer(app) { port in
                let socket = try await alice.socket(port: port)
                try socket.send("join", ["game": id])
                try await socket.waitUntil("a few keyframes", within: 60) { socket.snapshots.count > 20 }
                await socket.close()
                try await waitForStoredMatch(id, app: app, within: 60)
            }
            let match = try #require(try await Match.find(UUID(uuidString: id), on: app.db))
            #expect(match.status == .abandoned)
            #expect(match.winner == nil)
            #expect(app.games.liveGameCount == 0)
        }
    }

    @Test func matchHistory_rejectsBadPagingAndUnknownIds() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            for query in ["per=0", "per=51", "page=0", "page=abc"] {
                let response = try await alice.send(.GET, "/api/matches?\(query)")
                #expect(response.status == .badRequest, "\(query)")
                let field = String(query.prefix { $0 != "=" })
                #expect(response.errorFields[field] != nil)
            }
            for path in ["/api/matches/not-a-uuid", "/api/matches/\(UUID().uuidString)"] {
                let response = try await alice.send(.GET, path)
                #expect(response.status == .notFound)
                #expect(response.errorCode == "match_not_found")
            }
            #expect(try await alice.send(.GET, "/api/users/nobody/matches").status == .notFound)
            #expect(try await Browser(app).send(.GET, "/api/matches").status == .unauthorized)
            #expect(try await Browser(app).send(.GET, "/api/users/alice/matches").decode(MatchPageDTO.self).total == 0)
        }
    }
}

/// The store writes after the game ends, off the game's loop.
func waitForStoredMatch(_ id: String, app: Application, within seconds: Double = 60) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let match = try await Match.find(UUID(uuidString: id), on: app.db), match.status != .live { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw TestSetupError("match \(id) was never stored")
}

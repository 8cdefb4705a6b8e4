import Foundation
import NIOHTTP1
import Testing
import VaporTesting

@testable import App

/// A visitor plays the computer without an account: a live game like any other, nothing stored,
/// nothing social, limits per address.
@Suite struct VisitorGameTests {
    /// A visitor: no account, only the pass the first game hands out.
    final class Visitor {
        let browser: Browser
        var pass: String?

        init(_ app: Application) { browser = Browser(app) }

        var cookieHeader: String? { pass.map { "\(VisitorPass.cookieName)=\($0)" } }

        func start(_ json: [String: Any] = [:]) async throws -> TestingHTTPResponse {
            let response = try await browser.send(
                .POST, "/api/visitor-games", json: json,
                headers: cookieHeader.map { [("Cookie", $0)] } ?? [])
            if let value = response.headers.setCookie?[VisitorPass.cookieName]?.string { pass = value }
            return response
        }
    }

    @Test func aVisitorPlaysTheComputerToTheEnd_andNothingIsStored() async throws {
        // The game waits as long as a loaded machine needs to start the server and join it.
        try await withTestApp(gameTiming: unattendedGames) { app in
            let visitor = Visitor(app)
            let response = try await visitor.start()
            #expect(response.status == .created, "\(response.body.string)")
            let game = try response.decode(StartedGameDTO.self)
            let id = game.id.uuidString
            #expect(game.left.name == "You")
            #expect(game.right.kind == .ai)
            #expect(game.settings.pointsToWin == VisitorGames.pointsToWin)
            let cookie = try #require(response.headers.setCookie?[VisitorPass.cookieName])
            #expect(cookie.isHTTPOnly && cookie.path == "/api")

            try await withRunningServer(app) { port in
                let socket = try await TestSocket.connect(port: port, cookie: nil, cookieHeader: visitor.cookieHeader)
                try socket.send("join", ["game": id])
                let info = try await socket.next(ServerEvent.game)
                #expect(info.controls == [.left])
                // A visitor is nobody's presence and no player online.
                #expect(app.connectedUsers.connectedUserCount == 0)
                // Nothing social: no typing, no watching.
                try socket.send("typing", ["conversation": UUID().uuidString])
                try socket.send("watch", ["game": id])
                try await socket.waitUntil("two refusals") {
                    socket.all(ServerEvent.error).filter { $0.code == "sign_in_required" }.count == 2
                }
                // Played to the end (5 points at 16× speed), it ends where it was played.
                let over = try await socket.next(ServerEvent.over, within: 120)
                #expect(over.matchID == game.id && over.status == .finished)
                #expect(max(over.leftScore, over.rightScore) == VisitorGames.pointsToWin)
                await socket.close()
            }
            #expect(try await Match.query(on: app.db).count() == 0)
            #expect(try await MatchPoint.query(on: app.db).count() == 0)
            #expect(app.games.journalLength == 0)
        }
    }

    @Test func aVisitorsGame_isNowhereToBeFoundBySignedInPlayers() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let visitor = Visitor(app)
            let id = try await visitor.start(["difficulty": "hard"]).decode(StartedGameDTO.self).id.uuidString
            let carol = Browser(app)
            try await carol.signUp("carol")
            let live = try await carol.send(.GET, "/api/games/live")
            let liveGames = try live.decode([WatchableGameDTO].self)
            #expect(live.status == .ok && liveGames.isEmpty)
            try await withRunningServer(app) { port in
                let socket = try await carol.socket(port: port)
                try socket.send("watch", ["game": id])
                try socket.send("join", ["game": id])
                try await socket.waitUntil("two not-founds") {
                    socket.all(ServerEvent.error).filter { $0.code == "game_not_found" }.count == 2
                }
                await socket.close()
            }
        }
    }

    /// 30 starts at once from one address: the live-game limit lets 2 through, the start rate refuses
    /// what comes past 20 attempts, whatever the interleaving.
    @Test func startsAtOnce_areHeldToTheLiveLimitAndTheStartRate_exactly() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let answers = try await withThrowingTaskGroup(of: (UInt, String?, String?).self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        let response = try await Visitor(app).start()
                        return (response.status.code, response.errorCode, response.headers.first(name: .retryAfter))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == 201 }.count == 2)
            #expect(answers.filter { $0.0 == 409 && $0.1 == "too_many_games" }.count == 18)
            let throttled = answers.filter { $0.0 == 429 && $0.1 == "rate_limited" }
            #expect(throttled.count == 10)
            #expect(throttled.allSatisfy { $0.2 != nil })
            #expect(app.games.liveGameCount == 2)
        }
    }

    @Test func badStarts_getAClearAnswer() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let visitor = Visitor(app)
            let wrongLevel = try await visitor.start(["difficulty": "impossible"])
            #expect(wrongLevel.status == .badRequest && wrongLevel.errorCode == "invalid_json")
            #expect(wrongLevel.errorFields["difficulty"] != nil)
            let notJSON = try await visitor.browser.send(
                .POST, "/api/visitor-games", body: ByteBuffer(string: "level=easy"),
                contentType: "application/x-www-form-urlencoded")
            #expect(notJSON.status == .unsupportedMediaType)
            let forged = try await visitor.browser.send(.POST, "/api/visitor-games", json: [:], csrf: false)
            #expect(forged.status == .forbidden)
            // A signed-in player's games are kept: they start them from Play.
            let alice = Browser(app)
            try await alice.signUp("alice")
            let signedIn = try await alice.send(.POST, "/api/visitor-games", json: [:])
            #expect(signedIn.status == .conflict && signedIn.errorCode == "signed_in")
            #expect(app.games.liveGameCount == 0)
        }
    }

    @Test func aPass_reachesOnlyItsOwnGame_andAForgedOneNothing() async throws {
        try await withTestApp(gameTiming: unattendedGames) { app in
            let visitor = Visitor(app)
            let id = try await visitor.start().decode(StartedGameDTO.self).id.uuidString
            // The pass is no session: the API of accounts stays closed to it.
            for (method, path) in [(HTTPMethod.GET, "/api/me"), (.GET, "/api/games"), (.POST, "/api/matchmaking")] {
                let answer = try await visitor.browser.send(method, path, headers: [("Cookie", visitor.cookieHeader!)])
                #expect(answer.status == .unauthorized, "\(path)")
            }
            let other = Visitor(app)
            _ = try await other.start()
            try await withRunningServer(app) { port in
                // Another visitor's pass does not open this visitor's game.
                let stranger = try await TestSocket.connect(port: port, cookie: nil, cookieHeader: other.cookieHeader)
                try stranger.send("join", ["game": id])
                #expect(try await stranger.next(ServerEvent.error).code == "game_not_found")
                await stranger.close()
                // A pass whose id was swapped for another fails its signature: no socket at all.
                let parts = try #require(visitor.pass).split(separator: ".")
                let swapped = "\(VisitorPass.cookieName)=\(UUID().uuidString).\(parts[1]).\(parts[2])"
                await #expect(throws: (any Error).self) {
                    let socket = try await TestSocket.connect(port: port, cookie: nil, cookieHeader: swapped)
                    try await socket.next(ServerEvent.hello, within: 10)
                }
            }
        }
    }
}

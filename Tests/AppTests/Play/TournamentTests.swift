import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

extension Browser {
    /// Creates a tournament that must be accepted; its JSON.
    func createdTournament(_ body: [String: Any]) async throws -> [String: Any] {
        let response = try await send(.POST, "/api/tournaments", json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.json()
    }

    func tournament(_ id: String) async throws -> [String: Any] {
        let response = try await send(.GET, "/api/tournaments/\(id)")
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.json()
    }
}

/// The creator (first name) and friends of theirs, each signed in.
private func circle(_ app: Application, _ names: [String]) async throws -> [Browser] {
    var browsers: [Browser] = []
    for name in names { browsers.append(try await Browser.signedUp(app, name)) }
    for (index, other) in browsers.enumerated().dropFirst() {
        try await browsers[0].befriend(other, named: names[index], me: names[0])
    }
    return browsers
}

/// An online tournament of `names` (the first creates it), everyone invited and joined, not started.
private func lobby(_ app: Application, _ names: [String], _ extra: [String: Any] = [:]) async throws -> (String, [Browser]) {
    let players = try await circle(app, names)
    var body: [String: Any] = ["name": "Friday cup", "capacity": names.count, "pointsToWin": 1, "seeding": "random"]
    body.merge(extra) { _, new in new }
    let created = try await players[0].createdTournament(body)
    let id = try #require(created["id"] as? String)
    for (index, name) in names.enumerated().dropFirst() {
        let invited = try await players[0].send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": name])
        #expect(invited.status == .ok, "\(invited.body.string)")
        let joined = try await players[index].send(.POST, "/api/tournaments/\(id)/join")
        #expect(joined.status == .ok, "\(joined.body.string)")
    }
    return (id, players)
}

private func matches(_ tournament: [String: Any]) -> [[String: Any]] {
    tournament["matches"] as? [[String: Any]] ?? []
}

/// A player who answers every call, joins every game it starts and lets it run (nobody moves,
/// so a 1-point game ends at the first serve), until the tournament is over for them.
private func bot(_ browser: Browser, _ tab: TestSocket, tournament id: String) async throws {
    var handled = 0
    var games = 0
    let deadline = Date().addingTimeInterval(90)
    while Date() < deadline {
        let calls = tab.all("tournament_call")
        if handled < calls.count {
            let call = calls[handled]
            handled += 1
            switch call["status"] as? String {
            case "called":
                _ = try await browser.send(.POST, "/api/tournaments/\(id)/matches/\(call["match"] as? Int ?? 0)/ready")
            case "started":
                try tab.send("join", ["game": call["game"] as? String ?? ""])
                games += 1
                _ = try await tab.next("over", count: games, within: 30)
            default:
                break
            }
            continue
        }
        if tab.all("tournament").contains(where: { $0["change"] as? String == "finished" }) { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw TestSetupError("the tournament did not end for a player")
}

@Suite struct TournamentTests {
    @Test func eightPlayersOnRealSockets_playSevenMatchesToOneWinner_withCallsAsMatchesBecomeReady() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let names = ["ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal"]
            let (id, players) = try await lobby(app, names)
            try await withRunningServer(app) { port in
                var tabs: [TestSocket] = []
                for player in players {
                    let tab = try await player.socket(port: port)
                    try await tab.next("hello")
                    tabs.append(tab)
                }
                let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
                #expect(started.status == .ok, "\(started.body.string)")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (player, tab) in zip(players, tabs) {
                        group.addTask { try await bot(player, tab, tournament: id) }
                    }
                    try await group.waitForAll()
                }
                // Each player was called once for every match they played, and told when it started.
                let final = try await players[0].tournament(id)
                for (index, tab) in tabs.enumerated() {
                    let seat = (final["participants"] as? [[String: Any]] ?? []).first { $0["name"] as? String == names[index] }
                    let seatID = try #require(seat?["id"] as? String)
                    let played = matches(final).filter { $0["left"] as? String == seatID || $0["right"] as? String == seatID }
                    #expect(tab.all("tournament_call").filter { $0["status"] as? String == "called" }.count == played.count)
                    #expect(tab.all("tournament_call").filter { $0["status"] as? String == "started" }.count == played.count)
                }
                for tab in tabs { await tab.close() }
            }
            let final = try await players[3].tournament(id)
            #expect(final["status"] as? String == "finished")
            let list = matches(final)
            #expect(list.count == 7)
            #expect(list.map { $0["number"] as? Int } == [1, 2, 3, 4, 5, 6, 7])
            #expect(list.map { $0["round"] as? Int } == [1, 1, 1, 1, 2, 2, 3])
            #expect(
                list.map { $0["roundName"] as? String } == [
                    "Quarter-final", "Quarter-final", "Quarter-final", "Quarter-final",
                    "Semi-final", "Semi-final", "Final"
                ])
            #expect(list.allSatisfy { $0["status"] as? String == "finished" && $0["winner"] is String })
            // Every match links to its game record, a remote game of one point.
            for item in list {
                let record = try #require(item["matchID"] as? String, "\(item)")
                let match = try #require(try await Match.find(UUID(uuidString: record), on: app.db))
                #expect(match.mode == .remote && match.status == .finished && max(match.leftScore, match.rightScore) == 1)
            }
            // The final's winner won the tournament; the ranking is 1, 2, 3, 3, 5, 5, 5, 5.
            #expect(final["winner"] as? String == list[6]["winner"] as? String)
            let places = (final["ranking"] as? [[String: Any]] ?? []).compactMap { $0["placement"] as? Int }
            #expect(places == [1, 2, 3, 3, 5, 5, 5, 5])
            // Written once: exactly one result line per match and one final line in the room.
            let tournament = try #require(try await Tournament.find(UUID(uuidString: id), on: app.db))
            let room = try #require(tournament.$conversation.id)
            let lines = try await ChatMessage.query(on: app.db).filter(\.$conversation.$id == room).all().map(\.body)
            #expect(lines.filter { $0.contains(" beat ") || $0.contains("goes through") }.count == 7)
            #expect(lines.filter { $0.contains("won the tournament") }.count == 1)
            #expect(try await ConversationMember.query(on: app.db).filter(\.$conversation.$id == room).count() == 8)
            // Over is over: it can't be cancelled, and every player's list has it as finished.
            #expect(try await players[0].send(.POST, "/api/tournaments/\(id)/cancel").errorCode == "tournament_finished")
            let history = try await players[5].send(.GET, "/api/tournaments?status=finished").json()
            #expect((history["items"] as? [[String: Any]])?.first?["id"] as? String == id)
            let publicList = try await players[0].send(.GET, "/api/users/fay/tournaments").json()
            #expect(publicList["total"] as? Int == 1)
        }
    }

    @Test func fivePlayers_haveByesForTheTopThreeSeeds_andFourMatches() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat", "dan", "eve"], ["seeding": "rating"])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            #expect(started.status == .ok, "\(started.body.string)")
            let tournament = try started.json()
            let seats = Dictionary(
                uniqueKeysWithValues: (tournament["participants"] as? [[String: Any]] ?? []).compactMap { seat in
                    (seat["id"] as? String).map { ($0, seat["seed"] as? Int ?? 0) }
                })
            let list = matches(tournament)
            #expect(list.count == 4)
            #expect(list.map { $0["round"] as? Int } == [1, 2, 2, 3])
            // Round 1: seeds 4 and 5. Seed 1 waits for its winner; seeds 2 and 3 meet at once, so they are called.
            #expect(Set([list[0]["left"], list[0]["right"]].compactMap { ($0 as? String).flatMap { seats[$0] } }) == [4, 5])
            #expect((list[1]["left"] as? String).flatMap { seats[$0] } == 1 && list[1]["right"] == nil)
            #expect(Set([list[2]["left"], list[2]["right"]].compactMap { ($0 as? String).flatMap { seats[$0] } }) == [2, 3])
            #expect(list[0]["status"] as? String == "called" && list[2]["status"] as? String == "called")
            #expect(list[1]["status"] as? String == "waiting" && list[3]["status"] as? String == "waiting")
        }
    }

    @Test func aPlayerWhoDoesNotShow_losesByForfeit_andTheNextMatchIsCalled() async throws {
        try await withTestApp(gameTiming: fastRemoteGames, tournamentReadyCheck: 1) { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat"])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            let first = try #require(matches(try started.json()).first)
            let seats = try started.json()["participants"] as? [[String: Any]] ?? []
            let leftName = try #require(seats.first { $0["id"] as? String == first["left"] as? String }?["name"] as? String)
            let leftPlayer = players[["ann", "bob", "cat"].firstIndex(of: leftName) ?? 0]
            let ready = try await leftPlayer.send(.POST, "/api/tournaments/\(id)/matches/1/ready")
            #expect(ready.status == .ok, "\(ready.body.string)")
            var decided: [String: Any] = [:]
            for _ in 0..<100 {
                decided = matches(try await players[0].tournament(id))[0]
                if decided["status"] as? String == "finished" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(decided["status"] as? String == "finished")
            #expect(decided["endReason"] as? String == "no_show")
            #expect(decided["winner"] as? String == first["left"] as? String)
            #expect(decided["matchID"] == nil)
            var final: [String: Any] = [:]
            for _ in 0..<100 {
                final = matches(try await players[0].tournament(id))[1]
                if final["status"] as? String == "called" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(final["status"] as? String == "called")
            #expect(final["left"] as? String != nil && final["right"] as? String == first["left"] as? String)

            // The one who never said ready hears in the bell that they are out; the winner doesn't.
            let rightName = try #require(seats.first { $0["id"] as? String == first["right"] as? String }?["name"] as? String)
            let absentee = players[["ann", "bob", "cat"].firstIndex(of: rightName) ?? 0]
            var told: [String: Any]?
            for _ in 0..<100 {
                let items = try await absentee.send(.GET, "/api/notifications").json()["items"] as? [[String: Any]] ?? []
                told = items.first { $0["kind"] as? String == "tournament_eliminated" }
                if told != nil { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let data = try #require(told?["data"] as? [String: String])
            #expect(data["tournament"] == id && data["opponent"] == leftName && data["reason"] == "no_show")
            let winners = try await leftPlayer.send(.GET, "/api/notifications").json()["items"] as? [[String: Any]] ?? []
            #expect(!winners.contains { $0["kind"] as? String == "tournament_eliminated" })
        }
    }

    @Test func aPlayerWhoDisconnectsMidGame_forfeitsPastTheGrace() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat"], ["pointsToWin": 21])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            let tournament = try started.json()
            let first = try #require(matches(tournament).first)
            let seats = tournament["participants"] as? [[String: Any]] ?? []
            func player(_ seatID: Any?) -> Int {
                let name = seats.first { $0["id"] as? String == seatID as? String }?["name"] as? String
                return ["ann", "bob", "cat"].firstIndex(of: name ?? "") ?? 0
            }
            let (stayer, leaver) = (player(first["left"]), player(first["right"]))
            try await withRunningServer(app) { port in
                let stayTab = try await players[stayer].socket(port: port), leaveTab = try await players[leaver].socket(port: port)
                try await stayTab.next("hello")
                try await leaveTab.next("hello")
                #expect(try await players[stayer].send(.POST, "/api/tournaments/\(id)/matches/1/ready").status == .ok)
                let bothReady = try await players[leaver].send(.POST, "/api/tournaments/\(id)/matches/1/ready")
                #expect(bothReady.status == .ok, "\(bothReady.body.string)")
                try await stayTab.waitUntil("the game's start") {
                    stayTab.all("tournament_call").contains { $0["status"] as? String == "started" }
                }
                let call = try #require(stayTab.all("tournament_call").first { $0["status"] as? String == "started" })
                let game = try #require(call["game"] as? String)
                try stayTab.send("join", ["game": game])
                try leaveTab.send("join", ["game": game])
                try await leaveTab.next("game")
                await leaveTab.close()
                let over = try await stayTab.next("over", within: 60)
                #expect(over["endReason"] as? String == "disconnected")
                await stayTab.close()
            }
            var decided: [String: Any] = [:]
            for _ in 0..<100 {
                decided = matches(try await players[0].tournament(id))[0]
                if decided["status"] as? String == "finished" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(decided["endReason"] as? String == "disconnected")
            #expect(decided["winner"] as? String == first["left"] as? String)
        }
    }

    @Test func tenStartsAtOnce_startItOnce_andDrawOneBracket() async throws {
        try await withTestApp { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat", "dan"])
            let creator = players[0]
            let statuses = try await concurrently(10) { _ in
                try await creator.send(.POST, "/api/tournaments/\(id)/start").status.code
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 9)
            let tournamentID = try #require(UUID(uuidString: id))
            #expect(try await TournamentMatch.query(on: app.db).filter(\.$tournament.$id == tournamentID).count() == 3)
            #expect(try await creator.send(.POST, "/api/tournaments/\(id)/start").errorCode == "tournament_started")
        }
    }

    @Test func aResultDecidedTwiceAtOnce_isWrittenOnce() async throws {
        try await withTestApp { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat", "dan"])
            _ = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            let tournamentID = try #require(UUID(uuidString: id))
            let first = try #require(
                try await TournamentMatch.query(on: app.db).filter(\.$tournament.$id == tournamentID)
                    .filter(\.$matchNumber == 1).first())
            let matchID = try first.requireID()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await app.tournamentDirector(on: app.db).decide(
                            matchID, winner: index % 2 == 0 ? .left : .right,
                            reason: nil, score: (1, 0))
                    }
                }
                try await group.waitForAll()
            }
            let decided = try #require(try await TournamentMatch.find(matchID, on: app.db))
            #expect(decided.status == .finished)
            let final = try #require(
                try await TournamentMatch.query(on: app.db).filter(\.$tournament.$id == tournamentID)
                    .filter(\.$round == 2).first())
            #expect(final.leftID == decided.winnerID && final.rightID == nil)
            let room = try #require(try await Tournament.find(tournamentID, on: app.db)?.$conversation.id)
            let results = try await ChatMessage.query(on: app.db).filter(\.$conversation.$id == room).all().filter {
                $0.body.contains(" beat ")
            }
            #expect(results.count == 1)
            let placed = try await TournamentParticipant.query(on: app.db).filter(\.$tournament.$id == tournamentID)
                .filter(\.$placement != nil).count()
            #expect(placed == 1)
        }
    }

    @Test func aLocalTournamentOfFourAliases_isPlayedMatchByMatchOnTheHostsKeyboard() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let host = try await Browser.signedUp(app, "host")
            let created = try await host.createdTournament([
                "kind": "local", "name": "Sofa cup", "pointsToWin": 1,
                "aliases": [" Ann ", "Bob", "Cy", "Dee"]
            ])
            let id = try #require(created["id"] as? String)
            #expect(created["status"] as? String == "running")
            #expect(
                Set((created["participants"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }) == ["Ann", "Bob", "Cy", "Dee"]
            )
            try await withRunningServer(app) { port in
                let tab = try await host.socket(port: port)
                try await tab.next("hello")
                for number in 1...3 {
                    let play = try await host.send(.POST, "/api/tournaments/\(id)/matches/\(number)/play")
                    #expect(play.status == .ok, "\(play.body.string)")
                    let game = try #require(try play.json()["game"] as? String)
                    try tab.send("join", ["game": game])
                    let description = try await tab.next("game", count: number)
                    #expect((description["tournament"] as? [String: Any])?["match"] as? Int == number)
                    let over = try await tab.next("over", count: number, within: 30)
                    #expect((over["tournament"] as? [String: Any])?["id"] as? String == id)
                    // The bracket moves on once the result is stored.
                    for _ in 0..<100 {
                        if matches(try await host.tournament(id))[number - 1]["status"] as? String == "finished" { break }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
                await tab.close()
            }
            let final = try await host.tournament(id)
            #expect(final["status"] as? String == "finished")
            #expect((final["ranking"] as? [[String: Any]] ?? []).compactMap { $0["placement"] as? Int } == [1, 2, 3, 3])
            // In the host's history with the aliases, as games they hosted.
            let history = try await host.send(.GET, "/api/tournaments").json()
            #expect((history["items"] as? [[String: Any]])?.first?["winner"] as? String != nil)
            let games = try await host.send(.GET, "/api/matches").json()
            #expect((games["items"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test func badTournamentRequests_areAnsweredWithTheirCodes_andChangeNothing() async throws {
        try await withTestApp { app in
            let players = try await circle(app, ["ann", "bob", "cat", "dan"])
            let (ann, bob, cat, dan) = (players[0], players[1], players[2], players[3])
            let eve = try await Browser.signedUp(app, "eve")
            func create(_ body: [String: Any]) async throws -> TestingHTTPResponse {
                try await ann.send(.POST, "/api/tournaments", json: body)
            }
            #expect(try await create(["name": "  "]).errorFields["name"] != nil)
            #expect(try await create(["name": String(repeating: "x", count: 41)]).errorFields["name"] != nil)
            #expect(try await create(["name": "Cup", "capacity": 2]).errorFields["capacity"] != nil)
            #expect(try await create(["name": "Cup", "capacity": 17]).errorFields["capacity"] != nil)
            #expect(try await create(["name": "Cup", "pointsToWin": 0]).errorFields["pointsToWin"] != nil)
            #expect(try await create(["name": "Cup", "kind": "circus"]).status == .badRequest)
            for aliases in [
                ["A", "B"], ["A", "B", "C", "D", "E", "F", "G", "H", "I"], ["Ann", "ann ", "Bob"], ["Ann", " ", "Bob"],
                ["Ann", "Bob", String(repeating: "z", count: 21)]
            ] {
                let response = try await create(["name": "Sofa", "kind": "local", "aliases": aliases])
                #expect(response.status == .badRequest && response.errorFields["aliases"] != nil, "\(aliases)")
            }
            #expect(try await Tournament.query(on: app.db).count() == 0)

            let created = try await ann.createdTournament(["name": "<b>Cup</b>", "capacity": 3])
            #expect(created["name"] as? String == "<b>Cup</b>")
            let id = try #require(created["id"] as? String)
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/start").errorCode == "not_enough_players")
            #expect(try await bob.send(.POST, "/api/tournaments/\(id)/join").errorCode == "not_invited")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "eve"]).errorCode == "not_friends")
            #expect(
                try await eve.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "ann"]).errorCode == "not_the_creator")
            #expect(try await dan.send(.PUT, "/api/blocks/ann").status == .noContent)
            #expect(
                try await ann.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "dan"]).errorCode == "user_not_found")
            for name in ["bob", "cat"] {
                #expect(try await ann.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": name]).status == .ok)
            }
            #expect(
                try await ann.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "bob"]).errorCode == "already_invited")
            #expect(try await bob.send(.POST, "/api/tournaments/\(id)/start").errorCode == "not_the_creator")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/leave").errorCode == "creator_cannot_leave")
            #expect(try await bob.send(.POST, "/api/tournaments/\(id)/join").status == .ok)
            #expect(try await bob.send(.POST, "/api/tournaments/\(id)/join").errorCode == "already_joined")
            // Ann, Bob and one more seat: a fourth invited player finds it full once Cat has joined.
            let fourth = try await Browser.signedUp(app, "fin")
            try await ann.befriend(fourth, named: "fin", me: "ann")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "fin"]).status == .ok)
            #expect(try await cat.send(.POST, "/api/tournaments/\(id)/join").status == .ok)
            #expect(try await fourth.send(.POST, "/api/tournaments/\(id)/join").errorCode == "tournament_full")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/start").status == .ok)
            #expect(try await fourth.send(.POST, "/api/tournaments/\(id)/join").errorCode == "tournament_started")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/cancel").errorCode == "tournament_started")
            #expect(
                try await ann.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "fin"]).errorCode == "tournament_started"
            )
            // Matches: only their players say ready; numbers that don't exist are 404.
            let tournament = try await ann.tournament(id)
            let called = try #require(matches(tournament).first { $0["status"] as? String == "called" })
            let seats = tournament["participants"] as? [[String: Any]] ?? []
            let inMatch = Set(
                [called["left"], called["right"]].compactMap { seat in
                    seats.first { $0["id"] as? String == seat as? String }?["name"] as? String
                })
            let outsider = zip(["ann", "bob", "cat"], [ann, bob, cat]).first { !inMatch.contains($0.0) }?.1
            let number = try #require(called["number"] as? Int)
            #expect(try await outsider?.send(.POST, "/api/tournaments/\(id)/matches/\(number)/ready").errorCode == "not_your_match")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/matches/99/ready").errorCode == "tournament_match_not_found")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/matches/abc/ready").errorCode == "tournament_match_not_found")
            #expect(try await ann.send(.POST, "/api/tournaments/\(id)/matches/1/play").errorCode == "not_local")
            #expect(try await ann.send(.GET, "/api/tournaments/\(UUID())").errorCode == "tournament_not_found")
            #expect(try await ann.send(.GET, "/api/tournaments/not-an-id").errorCode == "tournament_not_found")
            #expect(try await ann.send(.GET, "/api/tournaments?status=someday").errorFields["status"] != nil)
            #expect(try await ann.send(.GET, "/api/tournaments?page=0").errorFields["page"] != nil)
            #expect(try await ann.send(.GET, "/api/users/nobody/tournaments").status == .notFound)

            // A local tournament: only its host plays it.
            let local = try await ann.createdTournament(["name": "Sofa", "kind": "local", "aliases": ["A", "B", "C"]])
            let localID = try #require(local["id"] as? String)
            #expect(try await bob.send(.POST, "/api/tournaments/\(localID)/matches/1/play").errorCode == "not_the_creator")
            #expect(try await ann.send(.POST, "/api/tournaments/\(localID)/matches/2/play").errorCode == "match_not_ready")
        }
    }

    @Test func aPlayerWhoDeletesTheirAccount_keepsTheirPlaceAsDeletedPlayer_andForfeitsWhatRemains() async throws {
        try await withTestApp { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat", "dan"])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            let tournament = try started.json()
            let first = try #require(matches(tournament).first)
            let seats = tournament["participants"] as? [[String: Any]] ?? []
            let leaverSeat = try #require(first["right"] as? String)
            let leaverName = try #require(seats.first { $0["id"] as? String == leaverSeat }?["name"] as? String)
            let leaver = players[["ann", "bob", "cat", "dan"].firstIndex(of: leaverName) ?? 0]
            guard leaverName != "ann" else { return } // The creator's own seat is the same rule; keep the lobby owner for the checks.
            let deleted = try await leaver.send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"])
            #expect(deleted.status == .noContent, "\(deleted.body.string)")
            let after = try await players[0].tournament(id)
            let decided = matches(after)[0]
            #expect(decided["status"] as? String == "finished" && decided["endReason"] as? String == "forfeit")
            #expect(decided["winner"] as? String == first["left"] as? String)
            let seat = (after["participants"] as? [[String: Any]] ?? []).first { $0["id"] as? String == leaverSeat }
            #expect(seat?["name"] as? String == "deleted player" && seat?["placement"] as? Int == 3)
        }
    }
}

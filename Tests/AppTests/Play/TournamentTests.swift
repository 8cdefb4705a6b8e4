import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

extension Browser {
    /// Creates a tournament that must be accepted.
    func createdTournament(_ body: [String: Any]) async throws -> TournamentDTO {
        let response = try await send(.POST, "/api/tournaments", json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(TournamentDTO.self)
    }

    func tournament(_ id: String) async throws -> TournamentDTO {
        let response = try await send(.GET, "/api/tournaments/\(id)")
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.decode(TournamentDTO.self)
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
    let id = try await players[0].createdTournament(body).id.uuidString
    for (index, name) in names.enumerated().dropFirst() {
        let invited = try await players[0].send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": name])
        #expect(invited.status == .ok, "\(invited.body.string)")
        let joined = try await players[index].send(.POST, "/api/tournaments/\(id)/join")
        #expect(joined.status == .ok, "\(joined.body.string)")
    }
    return (id, players)
}

/// The name of the player in seat `seat`.
private func name(of seat: UUID?, in tournament: TournamentDTO) -> String? {
    tournament.participants.first { $0.id == seat }?.name
}

/// A player who answers every call, joins every game it starts and lets it run (nobody moves,
/// so a 1-point game ends at the first serve), until the tournament is over for them.
private func bot(_ browser: Browser, _ tab: TestSocket, tournament id: String) async throws {
    var handled = 0
    var games = 0
    let deadline = Date().addingTimeInterval(90)
    while Date() < deadline {
        let calls = tab.all(ServerEvent.tournamentCall)
        if handled < calls.count {
            let call = calls[handled]
            handled += 1
            switch call.status {
            case "called":
                _ = try await browser.send(.POST, "/api/tournaments/\(id)/matches/\(call.match)/ready")
            case "started":
                try tab.send("join", ["game": call.game?.uuidString ?? ""])
                games += 1
                _ = try await tab.next(ServerEvent.over, count: games, within: 30)
            default:
                break
            }
            continue
        }
        if tab.all(ServerEvent.tournament).contains(where: { $0.change == "finished" }) { return }
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
                    try await tab.next(ServerEvent.hello)
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
                    let seatID = try #require(final.participants.first { $0.name == names[index] }?.id)
                    let played = final.matches.filter { $0.left == seatID || $0.right == seatID }
                    #expect(tab.all(ServerEvent.tournamentCall).filter { $0.status == "called" }.count == played.count)
                    #expect(tab.all(ServerEvent.tournamentCall).filter { $0.status == "started" }.count == played.count)
                }
                for tab in tabs { await tab.close() }
            }
            let final = try await players[3].tournament(id)
            #expect(final.status == .finished)
            let list = final.matches
            #expect(list.count == 7)
            #expect(list.map(\.number) == [1, 2, 3, 4, 5, 6, 7])
            #expect(list.map(\.round) == [1, 1, 1, 1, 2, 2, 3])
            #expect(
                list.map(\.roundName) == [
                    "Quarter-final", "Quarter-final", "Quarter-final", "Quarter-final",
                    "Semi-final", "Semi-final", "Final"
                ])
            #expect(list.allSatisfy { $0.status == .finished && $0.winner != nil })
            // Every match links to its game record, a remote game of one point.
            for item in list {
                let record = try #require(item.matchID, "\(item)")
                let match = try #require(try await Match.find(record, on: app.db))
                #expect(match.mode == .remote && match.status == .finished && max(match.leftScore, match.rightScore) == 1)
            }
            // The final's winner won the tournament; the ranking is 1, 2, 3, 3, 5, 5, 5, 5.
            #expect(final.winner == list[6].winner)
            let places = final.ranking.compactMap(\.placement)
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
            let history = try await players[5].send(.GET, "/api/tournaments?status=finished").decode(TournamentPageDTO.self)
            #expect(history.items.first?.id.uuidString == id)
            let publicList = try await players[0].send(.GET, "/api/users/fay/tournaments").decode(TournamentPageDTO.self)
            #expect(publicList.total == 1)
        }
    }

    @Test func fivePlayers_haveByesForTheTopThreeSeeds_andFourMatches() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat", "dan", "eve"], ["seeding": "rating"])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            #expect(started.status == .ok, "\(started.body.string)")
            let tournament = try started.decode(TournamentDTO.self)
            let seats = Dictionary(uniqueKeysWithValues: tournament.participants.map { ($0.id, $0.seed ?? 0) })
            let list = tournament.matches
            #expect(list.count == 4)
            #expect(list.map(\.round) == [1, 2, 2, 3])
            // Round 1: seeds 4 and 5. Seed 1 waits for its winner; seeds 2 and 3 meet at once, so they are called.
            #expect(Set([list[0].left, list[0].right].compactMap { $0.flatMap { seats[$0] } }) == [4, 5])
            #expect(list[1].left.flatMap { seats[$0] } == 1 && list[1].right == nil)
            #expect(Set([list[2].left, list[2].right].compactMap { $0.flatMap { seats[$0] } }) == [2, 3])
            #expect(list[0].status == .called && list[2].status == .called)
            #expect(list[1].status == .waiting && list[3].status == .waiting)
        }
    }

    @Test func aPlayerWhoDoesNotShow_losesByForfeit_andTheNextMatchIsCalled() async throws {
        try await withTestApp(gameTiming: fastRemoteGames, tournamentReadyCheck: 1) { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat"])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            let drawn = try started.decode(TournamentDTO.self)
            let first = try #require(drawn.matches.first)
            let leftName = try #require(name(of: first.left, in: drawn))
            let leftPlayer = players[["ann", "bob", "cat"].firstIndex(of: leftName) ?? 0]
            let ready = try await leftPlayer.send(.POST, "/api/tournaments/\(id)/matches/1/ready")
            #expect(ready.status == .ok, "\(ready.body.string)")
            var decided = first
            for _ in 0..<100 {
                decided = try await players[0].tournament(id).matches[0]
                if decided.status == .finished { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(decided.status == .finished)
            #expect(decided.endReason == "no_show")
            #expect(decided.winner == first.left)
            #expect(decided.matchID == nil)
            var final = first
            for _ in 0..<100 {
                final = try await players[0].tournament(id).matches[1]
                if final.status == .called { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(final.status == .called)
            #expect(final.left != nil && final.right == first.left)

            // The one who never said ready hears in the bell that they are out; the winner doesn't.
            let rightName = try #require(name(of: first.right, in: drawn))
            let absentee = players[["ann", "bob", "cat"].firstIndex(of: rightName) ?? 0]
            var told: NotificationDTO?
            for _ in 0..<100 {
                let items = try await absentee.send(.GET, "/api/notifications").decode(NotificationPageDTO.self).items
                told = items.first { $0.kind == .tournamentEliminated }
                if told != nil { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let data = try #require(told?.data)
            #expect(data["tournament"] == id && data["opponent"] == leftName && data["reason"] == "no_show")
            let winners = try await leftPlayer.send(.GET, "/api/notifications").decode(NotificationPageDTO.self).items
            #expect(!winners.contains { $0.kind == .tournamentEliminated })
        }
    }

    @Test func aPlayerWhoDisconnectsMidGame_forfeitsPastTheGrace() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat"], ["pointsToWin": 21])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            let tournament = try started.decode(TournamentDTO.self)
            let first = try #require(tournament.matches.first)
            func player(_ seat: UUID?) -> Int {
                ["ann", "bob", "cat"].firstIndex(of: name(of: seat, in: tournament) ?? "") ?? 0
            }
            let (stayer, leaver) = (player(first.left), player(first.right))
            try await withRunningServer(app) { port in
                let stayTab = try await players[stayer].socket(port: port), leaveTab = try await players[leaver].socket(port: port)
                try await stayTab.next(ServerEvent.hello)
                try await leaveTab.next(ServerEvent.hello)
                #expect(try await players[stayer].send(.POST, "/api/tournaments/\(id)/matches/1/ready").status == .ok)
                let bothReady = try await players[leaver].send(.POST, "/api/tournaments/\(id)/matches/1/ready")
                #expect(bothReady.status == .ok, "\(bothReady.body.string)")
                try await stayTab.waitUntil("the game's start") {
                    stayTab.all(ServerEvent.tournamentCall).contains { $0.status == "started" }
                }
                let call = try #require(stayTab.all(ServerEvent.tournamentCall).first { $0.status == "started" })
                let game = try #require(call.game).uuidString
                try stayTab.send("join", ["game": game])
                try leaveTab.send("join", ["game": game])
                try await leaveTab.next(ServerEvent.game)
                // Both in before one leaves: a leaver whose join is handled before the stayer's has left a
                // game that never started (a no-show), which a loaded machine did once.
                try await stayTab.next(ServerEvent.game)
                await leaveTab.close()
                let over = try await stayTab.next(ServerEvent.over, within: 60)
                #expect(over.endReason == .disconnected)
                await stayTab.close()
            }
            var decided = first
            for _ in 0..<100 {
                decided = try await players[0].tournament(id).matches[0]
                if decided.status == .finished { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(decided.endReason == "disconnected")
            #expect(decided.winner == first.left)
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
            let id = created.id.uuidString
            #expect(created.status == .running)
            #expect(Set(created.participants.map(\.name)) == ["Ann", "Bob", "Cy", "Dee"])
            try await withRunningServer(app) { port in
                let tab = try await host.socket(port: port)
                try await tab.next(ServerEvent.hello)
                for number in 1...3 {
                    // The final is called just after the second semi-final is decided, in a step of its own.
                    _ = try await eventually(within: 60) {
                        try await host.tournament(id).matches[number - 1].status
                    } until: {
                        $0 == .called
                    }
                    let play = try await host.send(.POST, "/api/tournaments/\(id)/matches/\(number)/play")
                    #expect(play.status == .ok, "\(play.body.string)")
                    let game = try play.decode(LocalMatchStartDTO.self).game.uuidString
                    try tab.send("join", ["game": game])
                    let description = try await tab.next(ServerEvent.game, count: number)
                    #expect(description.tournament?.match == number)
                    // Nobody steers: a point can take a while on a loaded machine.
                    let over = try await tab.next(ServerEvent.over, count: number, within: 180)
                    #expect(over.tournament?.id.uuidString == id)
                    // The bracket moves on once the result is stored.
                    let status = try await eventually(within: 60) {
                        try await host.tournament(id).matches[number - 1].status
                    } until: {
                        $0 == .finished
                    }
                    #expect(status == .finished)
                }
                await tab.close()
            }
            let final = try await host.tournament(id)
            #expect(final.status == .finished)
            #expect(final.ranking.compactMap(\.placement) == [1, 2, 3, 3])
            // In the host's history with the aliases, as games they hosted.
            #expect(try await host.send(.GET, "/api/tournaments").decode(TournamentPageDTO.self).items.first?.winner != nil)
            #expect(try await host.send(.GET, "/api/matches").decode(MatchPageDTO.self).items.count == 3)
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
            #expect(created.name == "<b>Cup</b>")
            let id = created.id.uuidString
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
            let called = try #require(tournament.matches.first { $0.status == .called })
            let inMatch = Set([called.left, called.right].compactMap { name(of: $0, in: tournament) })
            let outsider = zip(["ann", "bob", "cat"], [ann, bob, cat]).first { !inMatch.contains($0.0) }?.1
            let number = called.number
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
            let localID = local.id.uuidString
            #expect(try await bob.send(.POST, "/api/tournaments/\(localID)/matches/1/play").errorCode == "not_the_creator")
            #expect(try await ann.send(.POST, "/api/tournaments/\(localID)/matches/2/play").errorCode == "match_not_ready")
        }
    }

    @Test func aPlayerWhoDeletesTheirAccount_keepsTheirPlaceAsDeletedPlayer_andForfeitsWhatRemains() async throws {
        try await withTestApp { app in
            let (id, players) = try await lobby(app, ["ann", "bob", "cat", "dan"])
            let started = try await players[0].send(.POST, "/api/tournaments/\(id)/start")
            let tournament = try started.decode(TournamentDTO.self)
            let first = try #require(tournament.matches.first)
            let leaverSeat = try #require(first.right)
            let leaverName = try #require(name(of: leaverSeat, in: tournament))
            let leaver = players[["ann", "bob", "cat", "dan"].firstIndex(of: leaverName) ?? 0]
            guard leaverName != "ann" else { return } // The creator's own seat is the same rule; keep the lobby owner for the checks.
            let deleted = try await leaver.send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"])
            #expect(deleted.status == .noContent, "\(deleted.body.string)")
            let after = try await players[0].tournament(id)
            let decided = after.matches[0]
            #expect(decided.status == .finished && decided.endReason == "forfeit")
            #expect(decided.winner == first.left)
            let seat = after.participants.first { $0.id == leaverSeat }
            #expect(seat?.name == "deleted player" && seat?.placement == 3)
        }
    }
}

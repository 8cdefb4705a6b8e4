import Fluent
import Foundation
import PongCore
import Testing
import VaporTesting

@testable import App

/// Stores one closed match through the match store, as a live game's end does.
private func store(
    _ app: Application, mode: Match.Mode, left: GamePlayer, right: GamePlayer, host: UUID,
    status: Match.Status, winner: Side?, score: (Int, Int), rally: Int, at: Date
) async throws -> UUID {
    let setup = GameSetup(id: UUID(), hostID: host, mode: mode, left: left, right: right, settings: .standard, seed: 1, startedAt: at)
    let matches = MatchStore(database: { app.db }, clock: app.clock, instanceID: app.config.instanceID)
    try await matches.create(setup, on: app.db)
    try await matches.finish(
        GameOutcome(
            setup: setup, status: status, leftScore: score.0, rightScore: score.1, winner: winner,
            points: [], longestRally: rally, totalHits: rally * 2))
    return setup.id
}

private func userID(_ app: Application, _ name: String) async throws -> UUID {
    try #require(try await User.query(on: app.db).filter(\.$usernameKey == name).first()?.requireID())
}

/// The kept rows as the database has them now.
private func keptFigures(_ app: Application) async throws -> StatsRebuild.Result {
    var kept = StatsRebuild.Result()
    for row in try await PlayerStatsRow.query(on: app.db).all() { kept.players[row.$user.id] = row.figures }
    for day in try await PlayerActivity.query(on: app.db).all() { kept.activity[day.$user.id, default: [:]][day.day] = day.games }
    kept.site = try await SiteStats.find(SiteStats.key, on: app.db)?.figures ?? SiteFigures()
    return kept
}

@Suite struct StatsTests {
    @Test func figuresFromRealGamesOnSockets_matchTheMatchRecords() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.befriend(bob, named: "bob", me: "alice")
            try await alice.saveGameSettings(pointsToWin: 1)
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), bobTab = try await bob.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                // One game on one keyboard, one rated game against Bob on his own machine; nobody moves.
                let local = try await alice.startGame(["mode": "local", "rightName": "Zed"])
                try aliceTab.send("join", ["game": local])
                _ = try await aliceTab.next(ServerEvent.over, within: 30)
                let id = try await alice.invited("bob", ["pointsToWin": 5, "rated": true])
                let accepted = try await bob.send(.POST, "/api/invitations/\(id)/accept")
                let game = try #require(try accepted.decode(InvitationDTO.self).gameID).uuidString
                try aliceTab.send("join", ["game": game])
                try bobTab.send("join", ["game": game])
                _ = try await aliceTab.next(ServerEvent.over, count: 2, within: 30)
                _ = try await bobTab.next(ServerEvent.over, within: 30)
                await aliceTab.close()
                await bobTab.close()
            }
            // What the records say, figure by figure.
            let aliceID = try await userID(app, "alice")
            let records = try await Match.closed(playedBy: aliceID, on: app.db).all()
            #expect(records.count == 2)
            let stats = try await alice.send(.GET, "/api/users/alice/stats").decode(PlayerStatsDTO.self)
            let won = records.filter { $0.winner == ($0.$leftUser.id == aliceID ? "left" : "right") }.count
            #expect(stats.played == 2 && stats.won == won && stats.lost == 2 - won)
            let scored = records.reduce(0) { $0 + ($1.$leftUser.id == aliceID ? $1.leftScore : $1.rightScore) }
            let played = records.reduce(0) { $0 + $1.leftScore + $1.rightScore }
            #expect(stats.pointsScored == scored && stats.pointsConceded == played - scored)
            #expect(stats.longestRally == records.map(\.longestRally).max())
            #expect(stats.modes["local"]?.played == 1 && stats.modes["online"]?.played == 1)
            #expect(stats.modes["ai_hard"]?.played == 0)
            let onlineWin = records.first { $0.mode == .remote }.map { $0.winner == "left" } ?? false
            #expect(stats.currentStreak == (onlineWin ? 1 : 0) && stats.bestStreak == (onlineWin ? 1 : 0))
            #expect(stats.ratedGames == 1 && stats.peakRating >= 1500 - 200)

            let dashboard = try await bob.send(.GET, "/api/users/alice/dashboard").decode(DashboardDTO.self)
            #expect(dashboard.recent.count == 2)
            #expect(dashboard.rating.count == 1)
            #expect(dashboard.activity.count == 1 && dashboard.activity.first?.games == 2)

            let site = try await Browser(app).send(.GET, "/api/stats").decode(SiteStatsDTO.self)
            #expect(site.players == 2)
            #expect(site.matches.total == 2 && site.matches.online == 1 && site.matches.local == 1)
            let all = try await Match.query(on: app.db).all()
            #expect(site.points == all.reduce(0) { $0 + $1.leftScore + $1.rightScore })
            #expect(site.longestRally.hits == all.map(\.longestRally).max())

            // Head to head, from each side.
            let record = try await alice.send(.GET, "/api/users/bob/head-to-head").decode(HeadToHeadDTO.self)
            #expect(record.wins == (onlineWin ? 1 : 0) && record.losses == (onlineWin ? 0 : 1))
            #expect(record.games.count == 1)
            #expect(try await alice.send(.GET, "/api/users/alice/head-to-head").errorFields["username"] != nil)
            #expect(try await Browser(app).send(.GET, "/api/users/bob/head-to-head").status == .unauthorized)
        }
    }

    @Test func aRebuild_equalsTheIncrementalRows_afterARandomHistory() async throws {
        try await withTestApp { app in
            var random = SystemRandomNumberGenerator()
            let names = ["ann", "ben", "cal", "dot", "eli"]
            var browsers: [Browser] = []
            for name in names { browsers.append(try await Browser.signedUp(app, name)) }
            for (index, other) in browsers.enumerated().dropFirst() {
                try await browsers[0].befriend(other, named: names[index], me: "ann")
            }
            var ids: [UUID] = []
            for name in names { ids.append(try await userID(app, name)) }
            var clock = Date(timeIntervalSince1970: 1_800_000_000)
            for _ in 0..<60 {
                clock = clock.addingTimeInterval(Double.random(in: 60...90_000, using: &random))
                let one = ids.randomElement(using: &random)!, other = ids.filter { $0 != one }.randomElement(using: &random)!
                let status: Match.Status = [.finished, .finished, .finished, .forfeit, .abandoned].randomElement(using: &random)!
                let winner: Side? = status == .abandoned ? nil : Bool.random(using: &random) ? .left : .right
                let score = (Int.random(in: 0...5, using: &random), Int.random(in: 0...5, using: &random))
                let rally = Int.random(in: 0...40, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0:
                    _ = try await store(
                        app, mode: .remote, left: .user(one, username: "a"), right: .user(other, username: "b"), host: one,
                        status: status, winner: winner, score: score, rally: rally, at: clock)
                case 1:
                    let level = PongAI.Difficulty.allCases.randomElement(using: &random)!
                    _ = try await store(
                        app, mode: .ai, left: .user(one, username: "a"), right: .ai(level), host: one,
                        status: status, winner: winner, score: score, rally: rally, at: clock)
                default:
                    // Some local games are hosted for two guests: they count for the site only.
                    let left: GamePlayer = Bool.random(using: &random) ? .user(one, username: "a") : .guest("Guest")
                    _ = try await store(
                        app, mode: .local, left: left, right: .guest("Visitor"), host: one,
                        status: status, winner: winner, score: score, rally: rally, at: clock)
                }
            }
            // Two tournaments: one played to the end, one still running with nothing played.
            for round in 0..<2 {
                let created = try await browsers[0].createdTournament(["name": "Cup \(round)", "capacity": 3])
                let id = created.id.uuidString
                for (index, name) in names.enumerated().dropFirst().prefix(2) {
                    _ = try await browsers[0].send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": name])
                    _ = try await browsers[index].send(.POST, "/api/tournaments/\(id)/join")
                }
                _ = try await browsers[0].send(.POST, "/api/tournaments/\(id)/start")
                let tournamentID = try #require(UUID(uuidString: id))
                let director = app.tournamentDirector(on: app.db)
                for number in 1...(round == 0 ? 2 : 1) {
                    for _ in 0..<50 {
                        if try await director.match(number, of: tournamentID).status == .called { break }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    // The first tournament's games are played (with a score); the second's only forfeited,
                    // so it never counts in the site's figures.
                    try await director.decide(
                        try director.match(number, of: tournamentID).requireID(), winner: .left,
                        reason: round == 0 ? nil : "forfeit", score: round == 0 ? (1, 0) : nil)
                }
            }
            // A deleted account: its rows go, its matches stay in the site's totals.
            #expect(try await browsers[4].send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"]).status == .noContent)

            let kept = try await keptFigures(app)
            let rebuilt = try await StatsRebuild(db: app.db).compute()
            #expect(kept.site == rebuilt.site)
            #expect(kept.site.tournaments == 1 && kept.site.matches == 60)
            let living = Set(ids.prefix(4))
            #expect(kept.players == rebuilt.players.filter { living.contains($0.key) })
            #expect(kept.activity == rebuilt.activity.filter { living.contains($0.key) })
            #expect(kept.players.values.reduce(0) { $0 + $1.tournamentsPlayed } == 6)
            #expect(kept.players.values.reduce(0) { $0 + $1.tournamentsWon } == 1)
            // And the command's rows are the same rows.
            try await StatsRebuild(db: app.db).run()
            #expect(try await keptFigures(app) == kept)
        }
    }

    @Test func theLeaderboard_pagesByRating_marksProvisional_andShowsMyRankOffThePage() async throws {
        try await withTestApp { app in
            let viewer = try await Browser.signedUp(app, "viewer")
            let ratings: [(String, Double, Double, Int)] = [
                ("pone", 1900, 60, 30), ("ptwo", 1800, 70, 12), ("pthree", 1800, 140, 6), ("pfour", 1700, 80, 9),
                ("pfive", 1650, 90, 5), ("psix", 1600, 200, 4), ("viewer", 1550, 100, 7)
            ]
            var friends: [Browser] = []
            for (name, rating, deviation, games) in ratings {
                if name != "viewer" {
                    let browser = try await Browser.signedUp(app, name)
                    if name == "ptwo" || name == "psix" {
                        friends.append(browser)
                        try await viewer.befriend(browser, named: name, me: "viewer")
                    }
                }
                let row = PlayerRating(userID: try await userID(app, name), at: Date())
                row.rating = rating
                row.deviation = deviation
                row.ratedGames = games
                row.ratedOpponents = 3
                try await row.create(on: app.db)
            }
            let first = try await viewer.send(.GET, "/api/leaderboard?per=2").decode(LeaderboardDTO.self)
            #expect(first.total == 6) // p6 has only 4 rated games
            let items = try await viewer.send(.GET, "/api/leaderboard?per=2&page=2").decode(LeaderboardDTO.self).items
            // ptwo and pthree tie at 1800 (both rank 2, in id order); pfour is 4th.
            #expect(["ptwo", "pthree"].contains(items[0].username) && items[1].username == "pfour")
            #expect(items.map(\.rank) == [2, 4])
            #expect(items[0].provisional == (items[0].username == "pthree"))
            #expect(items[1].provisional == false)
            #expect(first.items.map(\.rank) == [1, 2])
            let me = try #require(first.me)
            #expect(me.rank == 6 && me.ratedGames == 7)
            let mine = try await Browser.signedUp(app, "newbie").send(.GET, "/api/leaderboard").decode(LeaderboardDTO.self)
            #expect(mine.me?.rank == nil && mine.me?.gamesToQualify == 5)
            let circle = try await viewer.send(.GET, "/api/leaderboard?friends=true").decode(LeaderboardDTO.self)
            #expect(circle.items.map(\.username) == ["ptwo", "viewer"])
            #expect(circle.me?.rank == 2)
            // Bad paging and filters name the parameter.
            #expect(try await viewer.send(.GET, "/api/leaderboard?page=0").errorFields["page"] != nil)
            #expect(try await viewer.send(.GET, "/api/leaderboard?per=1000").errorFields["per"] != nil)
            #expect(try await viewer.send(.GET, "/api/leaderboard?friends=maybe").errorFields["friends"] != nil)
            #expect(try await Browser(app).send(.GET, "/api/leaderboard?friends=true").status == .unauthorized)
            // A deleted account drops out.
            #expect(try await friends[0].send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"]).status == .noContent)
            #expect(try await viewer.send(.GET, "/api/leaderboard").decode(LeaderboardDTO.self).total == 5)
        }
    }
}

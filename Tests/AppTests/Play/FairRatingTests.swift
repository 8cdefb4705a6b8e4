import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// A finished rated game between two accounts, stored as the match store would have, started `ago`
/// seconds before `now`: the history the fair-rating rules read.
func seedRatedGame(
    _ app: Application, left: UUID, right: UUID, startedAgo ago: TimeInterval, now: Date = Date(), rated: Bool = true
) async throws -> UUID {
    let match = Match()
    let id = UUID()
    match.id = id
    match.kind = "pong"
    match.mode = .remote
    match.status = .finished
    match.pointsToWin = 5
    match.ballSpeed = "normal"
    match.paddleSize = "normal"
    match.$host.id = left
    match.leftKind = .user
    match.$leftUser.id = left
    match.leftName = "left"
    match.rightKind = .user
    match.$rightUser.id = right
    match.rightName = "right"
    match.leftScore = 5
    match.rightScore = 2
    match.winner = "left"
    match.longestRally = 3
    match.totalHits = 9
    match.startedAt = now.addingTimeInterval(-ago)
    match.endedAt = now.addingTimeInterval(-ago + 90)
    match.rated = rated
    try await match.create(on: app.db)
    return id
}

func accountID(_ app: Application, _ username: String) async throws -> UUID {
    try #require(try await User.query(on: app.db).filter(\.$username == username).first()?.id)
}

@Suite struct FairRatingRulesTests {
    @Test func aPairPlaysThreeRatedGamesADay_theFourthIsCasual() {
        #expect(FairRatingRules.pairMayPlayRated(ratedGamesInWindow: 0))
        #expect(FairRatingRules.pairMayPlayRated(ratedGamesInWindow: 2))
        #expect(!FairRatingRules.pairMayPlayRated(ratedGamesInWindow: 3))
        #expect(!FairRatingRules.pairMayPlayRated(ratedGamesInWindow: 40))
    }

    @Test func ratedPlayNeedsFivePointsToWin() {
        #expect(!FairRatingRules.rulesFitForRating(pointsToWin: 1))
        #expect(!FairRatingRules.rulesFitForRating(pointsToWin: 4))
        #expect(FairRatingRules.rulesFitForRating(pointsToWin: 5))
        #expect(FairRatingRules.rulesFitForRating(pointsToWin: 21))
        #expect(throws: AppError.self) { try FairRatingRules.requireFitForRating(pointsToWin: 4, rated: true) }
        #expect(throws: Never.self) { try FairRatingRules.requireFitForRating(pointsToWin: 4, rated: false) }
        #expect(throws: Never.self) { try FairRatingRules.requireFitForRating(pointsToWin: 5, rated: true) }
    }

    @Test func anEarlyForfeitOrFewerThanThreePoints_movesNoRating() {
        // A forfeit: 20 s of play is the edge.
        #expect(!FairRatingRules.movesRating(forfeited: true, playedMilliseconds: 19_999, pointsPlayed: 9))
        #expect(FairRatingRules.movesRating(forfeited: true, playedMilliseconds: 20_000, pointsPlayed: 3))
        // Fewer than 3 points: never, however long or however it ended.
        #expect(!FairRatingRules.movesRating(forfeited: true, playedMilliseconds: 600_000, pointsPlayed: 2))
        #expect(!FairRatingRules.movesRating(forfeited: false, playedMilliseconds: 600_000, pointsPlayed: 2))
        // A game played out quickly is no forfeit: its points decide it.
        #expect(FairRatingRules.movesRating(forfeited: false, playedMilliseconds: 5_000, pointsPlayed: 5))
    }

    @Test func aNewAccountIsUnderADayOldOrUnderFiveRatedGames() {
        let day = 24 * 3600.0
        #expect(FairRatingRules.isNewcomer(accountAge: day - 1, ratedGames: 50))
        #expect(FairRatingRules.isNewcomer(accountAge: 30 * day, ratedGames: 4))
        #expect(!FairRatingRules.isNewcomer(accountAge: day, ratedGames: 5))
    }

    @Test func aNewcomersGainAgainstARelatedPlayerIsCapped_andNoRatingGoesBelow400() {
        let cap = FairRatingRules.newcomerGainCap
        #expect(FairRatingRules.ratingAfter(before: 1500, computed: 1662, newcomerAgainstRelated: true) == 1500 + cap)
        #expect(FairRatingRules.ratingAfter(before: 1500, computed: 1500 + cap - 1, newcomerAgainstRelated: true) == 1500 + cap - 1)
        #expect(FairRatingRules.ratingAfter(before: 1500, computed: 1662, newcomerAgainstRelated: false) == 1662)
        // Losses are never capped: only gains can be farmed.
        #expect(FairRatingRules.ratingAfter(before: 1500, computed: 1338, newcomerAgainstRelated: true) == 1338)
        #expect(FairRatingRules.ratingAfter(before: 410, computed: 380, newcomerAgainstRelated: false) == 400)
        #expect(FairRatingRules.ratingAfter(before: 400, computed: 399.9, newcomerAgainstRelated: true) == 400)
        #expect(FairRatingRules.ratingAfter(before: 410, computed: 401, newcomerAgainstRelated: false) == 401)
    }

    @Test func aRatingWonFromOneOpponentOnly_staysOffTheLeaderboard() {
        #expect(!FairRatingRules.ratingIsShownOnLeaderboard(distinctRatedOpponents: 1))
        #expect(FairRatingRules.ratingIsShownOnLeaderboard(distinctRatedOpponents: 2))
    }
}

@Suite struct FairRatingTests {
    /// The rating rules where ratings move: a real match row for each game, the rating service's own
    /// record step, with the accounts' age, friendship and rated history set up in the database.
    @Test func newcomersGainsAreCappedOnlyAgainstRelatedPlayers_andTheFloorHolds() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob")
            _ = try await Browser.signedUp(app, "carol")
            let (alice, bob, carolID) = try await (accountID(app, "alice"), accountID(app, "bob"), accountID(app, "carol"))
            // Carol was never on Alice's address: unrelated (the tests' browsers share one, so hers moves).
            try await UserSession.query(on: app.db).filter(\.$user.$id == carolID).set(\.$ipAddress, to: "203.0.113.9").update()
            let ratings = app.ratings(on: app.db)

            // Alice (new) beats Bob, a friend: her gain is capped; Bob's loss is not.
            let first = try await ratings.record(
                match: seedRatedGame(app, left: alice, right: bob, startedAgo: 60, rated: true), left: alice, right: bob, winner: .left)
            #expect(first.left.change == FairRatingRules.newcomerGainCap)
            #expect(first.right.change < -100)
            // Alice (new) beats Carol, unrelated: the full Glicko-2 gain.
            let second = try await ratings.record(
                match: seedRatedGame(app, left: alice, right: carolID, startedAgo: 30), left: alice, right: carolID, winner: .left)
            #expect(second.left.change > FairRatingRules.newcomerGainCap)

            // Each new opponent counts once toward the leaderboard's two.
            _ = try await ratings.record(
                match: seedRatedGame(app, left: alice, right: bob, startedAgo: 10), left: alice, right: bob, winner: .right)
            let aliceRow = try #require(try await PlayerRating.query(on: app.db).filter(\.$user.$id == alice).first())
            let bobRow = try #require(try await PlayerRating.query(on: app.db).filter(\.$user.$id == bob).first())
            #expect(aliceRow.ratedGames == 3 && aliceRow.ratedOpponents == 2)
            #expect(bobRow.ratedGames == 2 && bobRow.ratedOpponents == 1)

            // The floor: Bob at 405 loses to Carol, rated as low, and stays at 400.
            bobRow.rating = 405
            try await bobRow.save(on: app.db)
            try await PlayerRating.query(on: app.db).filter(\.$user.$id == carolID).set(\.$rating, to: 420).update()
            let sunk = try await ratings.record(
                match: seedRatedGame(app, left: carolID, right: bob, startedAgo: 5), left: carolID, right: bob, winner: .left)
            #expect(sunk.right.after == FairRatingRules.ratingFloor)
            #expect(try await PlayerRating.query(on: app.db).filter(\.$user.$id == bob).first()?.rating == 400)
            _ = players
        }
    }

    @Test func theLeaderboardLeavesOutARatingWonFromOneOpponent() async throws {
        try await withTestApp { app in
            let solosBrowser = try await Browser.signedUp(app, "solo")
            _ = try await Browser.signedUp(app, "wide")
            let (solo, wide) = try await (accountID(app, "solo"), accountID(app, "wide"))
            for (id, opponents, rating) in [(solo, 1, 2100.0), (wide, 2, 1700.0)] {
                let row = PlayerRating(userID: id, at: Date())
                row.rating = rating
                row.ratedGames = 9
                row.ratedOpponents = opponents
                try await row.create(on: app.db)
            }
            let viewer = try await Browser.signedUp(app, "viewer")
            let board = try await viewer.send(.GET, "/api/leaderboard").decode(LeaderboardDTO.self)
            #expect(board.items.map(\.username) == ["wide"] && board.total == 1)
            // Solo's own view says why: nine rated games, but one opponent.
            let solosView = try await solosBrowser.send(.GET, "/api/leaderboard").decode(LeaderboardDTO.self)
            #expect(solosView.me?.rank == nil && solosView.me?.gamesToQualify == 0 && solosView.me?.opponentsToQualify == 1)
        }
    }

    @Test func ratedRulesShorterThanFivePoints_areRefusedWhereverRatedPlayIsAskedFor() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "alice", "bob")
            let alice = players[0]
            for (path, extra) in [
                ("/api/invitations", ["username": "bob"]), ("/api/challenges", [:]),
                ("/api/tournaments", ["name": "Quick cup", "capacity": 4, "seeding": "random"])
            ] as [(String, [String: Any])] {
                let refused = try await alice.send(.POST, path, json: extra.merging(["pointsToWin": 4, "rated": true]) { one, _ in one })
                #expect(refused.status == .badRequest, "\(path)")
                #expect(refused.errorCode == "rated_too_short" && refused.errorFields["pointsToWin"] != nil, "\(path)")
            }
            // Casual games to 4 are fine, and rated ones to 5.
            #expect(try await alice.send(.POST, "/api/challenges", json: ["pointsToWin": 4, "rated": false]).status == .created)
            #expect(try await alice.send(.POST, "/api/challenges", json: ["pointsToWin": 5, "rated": true]).status == .created)
        }
    }

    /// On real sockets: two rated games a day old don't count, so the pair's third game today is
    /// rated; then the fourth is played casual, and both players are told so in the `game` message,
    /// before its countdown, and again on the end screen.
    @Test func theFourthRatedGameOfAPairInADay_isCasual_andSaidSoBeforeItStarts() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let players = try await friends(app, "alice", "bob")
            let (alice, bob) = try await (accountID(app, "alice"), accountID(app, "bob"))
            let day = FairRatingRules.pairWindow
            _ = try await seedRatedGame(app, left: alice, right: bob, startedAgo: day - 60)
            _ = try await seedRatedGame(app, left: bob, right: alice, startedAgo: day / 2)
            _ = try await seedRatedGame(app, left: alice, right: bob, startedAgo: day + 60)
            _ = try await seedRatedGame(app, left: alice, right: bob, startedAgo: 60, rated: false)
            try await withRunningServer(app) { port in
                let aliceTab = try await players[0].socket(port: port), bobTab = try await players[1].socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                for (number, casual) in [(3, false), (4, true)] {
                    let id = try await players[0].invited("bob", ["pointsToWin": 5, "rated": true])
                    let game = try #require(
                        try await players[1].send(.POST, "/api/invitations/\(id)/accept").decode(InvitationDTO.self).gameID)
                    try aliceTab.send("join", ["game": game.uuidString])
                    try bobTab.send("join", ["game": game.uuidString])
                    for tab in [aliceTab, bobTab] {
                        let told = try await tab.next(ServerEvent.game, count: number - 2)
                        #expect(told.rated == !casual && told.ratingNote == (casual ? .pairLimit : nil), "game \(number)")
                    }
                    let over = try await aliceTab.next(ServerEvent.over, count: number - 2, within: 60)
                    _ = try await bobTab.next(ServerEvent.over, count: number - 2, within: 60)
                    #expect(over.rated == !casual && over.ratingNote == (casual ? .pairLimit : nil), "game \(number)")
                    #expect((over.leftRatingChange != nil) == !casual, "game \(number)")
                    try await waitForStoredMatch(game.uuidString, app: app)
                    let stored = try #require(try await Match.find(game, on: app.db))
                    #expect(stored.rated == !casual && stored.ratingNote == (casual ? .pairLimit : nil))
                }
                await aliceTab.close()
                await bobTab.close()
            }
            #expect(try await RatingChange.query(on: app.db).count() == 2, "only the third game moved ratings")
        }
    }

    /// On real sockets: Alice quits a rated game at once. Nothing moves; the game is stored casual with
    /// why; the abandonment is hers, and Bob, who was left, has none.
    @Test func anEarlyForfeit_movesNoRating_andCountsAgainstTheQuitterOnly() async throws {
        try await withTestApp(gameTiming: fastRemoteGames) { app in
            let players = try await friends(app, "alice", "bob")
            try await withRunningServer(app) { port in
                let aliceTab = try await players[0].socket(port: port), bobTab = try await players[1].socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                try await bobTab.next(ServerEvent.hello)
                let id = try await players[0].invited("bob", ["pointsToWin": 21, "rated": true])
                let game = try #require(try await players[1].send(.POST, "/api/invitations/\(id)/accept").decode(InvitationDTO.self).gameID)
                try aliceTab.send("join", ["game": game.uuidString])
                try bobTab.send("join", ["game": game.uuidString])
                #expect(try await aliceTab.next(ServerEvent.game).rated)
                _ = try await bobTab.next(ServerEvent.game)
                try aliceTab.send("leave")
                let over = try await bobTab.next(ServerEvent.over, within: 60)
                #expect(over.status == .forfeit && over.winner == .right && over.endReason == .quit)
                #expect(!over.rated && over.ratingNote == .tooShort && over.rightRatingChange == nil)
                try await waitForStoredMatch(game.uuidString, app: app)
                await aliceTab.close()
                await bobTab.close()
            }
            #expect(try await RatingChange.query(on: app.db).count() == 0)
            #expect(try await PlayerRating.query(on: app.db).count() == 0)
            let left = try await Abandonment.query(on: app.db).all()
            let alice = try await accountID(app, "alice")
            #expect(left.count == 1 && left.first?.$user.id == alice && left.first?.reason == .quit)
        }
    }
}

import Fluent
import Foundation
import SQLKit
import Vapor

/// The series a player's dashboard draws, already aggregated (the page never loads raw matches):
/// rating over time, the last 50 results with their scores, games per day, records by mode.
struct DashboardDTO: Content {
    struct RatingPoint: Content, Equatable {
        let at: Date
        let rating: Int
    }

    struct Result: Content, Equatable {
        let match: UUID
        /// won, lost or abandoned
        let result: String
        let scored: Int
        let conceded: Int
        let mode: Match.Mode
        let at: Date
    }

    struct Day: Content, Equatable {
        /// YYYY-MM-DD, UTC.
        let day: String
        let games: Int
    }

    let rating: [RatingPoint]
    /// Oldest first.
    let recent: [Result]
    /// The last 365 days with at least one game.
    let activity: [Day]
    let modes: [String: PlayerStatsDTO.ModeRecord]
}

/// `GET /api/stats`: the whole site, all time (deleted accounts' matches still count), and right now.
struct SiteStatsDTO: Content {
    struct Matches: Content {
        let total: Int
        let online: Int
        let local: Int
        let ai: Int
    }

    struct Rally: Content {
        let hits: Int
        let match: UUID?
    }

    let players: Int
    let matches: Matches
    let tournaments: Int
    let points: Int
    let longestRally: Rally
    let playersOnline: Int
    let gamesLive: Int
}

struct LeaderboardEntryDTO: Content, Equatable {
    let rank: Int
    let username: String
    let avatarURL: String
    let rating: Int
    let deviation: Int
    /// The deviation is still above 110: a few more games will move it a lot.
    let provisional: Bool
    let ratedGames: Int
}

struct LeaderboardDTO: Content {
    struct Me: Content {
        /// Nil until the viewer has played the rated games the board asks for.
        let rank: Int?
        let rating: Int
        let provisional: Bool
        let ratedGames: Int
        let gamesToQualify: Int
        /// More distinct opponents the board asks for: a rating won from one opponent is not shown.
        let opponentsToQualify: Int
    }

    let items: [LeaderboardEntryDTO]
    let page: Int
    let per: Int
    let total: Int
    let friendsOnly: Bool
    let me: Me?
}

struct HeadToHeadDTO: Content {
    let opponent: String
    let wins: Int
    let losses: Int
    /// The last 10 decided games between the two, newest first.
    let games: [MatchDTO]
}

struct StatsInsights {
    static let ratedGamesToQualify = 5
    static let provisionalDeviation = 110.0
    let db: any Database
    let clock: AppClock
    let users: ConnectedUsers
    let games: GameHub
    let instanceID: String

    /// Players online and games being played right now, on every instance (a visitor's game on
    /// another instance is not listed there, so not counted).
    func liveFigures() async throws -> LiveFiguresDTO {
        let elsewhere = try await games.listedElsewhere(than: instanceID, at: clock.now).count
        return LiveFiguresDTO(playersOnline: users.connectedUserCount, gamesLive: games.liveGameCount + elsewhere)
    }

    func dashboard(of userID: UUID) async throws -> DashboardDTO {
        let sql = try db.sql
        // Only the columns the charts use: these reads run on every player page.
        let changes = try await sql.raw(
            """
            SELECT rating_after, created_at FROM rating_changes WHERE user_id = \(bind: userID)
            ORDER BY created_at DESC LIMIT 200
            """
        ).all()
        let since = MatchFacts.dayFormat(clock.now.addingTimeInterval(-364 * 86_400))
        let days = try await PlayerActivity.query(on: db).filter(\.$user.$id == userID).filter(\.$day >= since).sort(\.$day).all()
        let figures = try await PlayerStatsRow.query(on: db).filter(\.$user.$id == userID).first()?.figures ?? PlayerFigures()
        return DashboardDTO(
            rating: try changes.reversed().map {
                DashboardDTO.RatingPoint(
                    at: try $0.decode(column: "created_at", as: Date.self),
                    rating: Int(try $0.decode(column: "rating_after", as: Double.self).rounded()))
            },
            recent: try await recentResults(of: userID, limit: 50, on: sql).reversed(),
            activity: days.map { DashboardDTO.Day(day: $0.day, games: $0.games) },
            modes: Dictionary(
                uniqueKeysWithValues: PlayerFigures.Mode.allCases.map {
                    ($0.rawValue, PlayerStatsDTO.ModeRecord(figures.modes[$0] ?? .init()))
                }))
    }

    /// The player's newest closed matches, newest first: two index range reads (as left, as right), merged.
    private func recentResults(of userID: UUID, limit: Int, on sql: any SQLDatabase) async throws -> [DashboardDTO.Result] {
        let columns = "id, mode, status, winner, left_user_id, left_score, right_score, ended_at, started_at"
        let rows = try await sql.raw(
            """
            SELECT * FROM (SELECT \(unsafeRaw: columns) FROM matches WHERE left_user_id = \(bind: userID) AND status <> 'live'
                           ORDER BY ended_at DESC LIMIT \(unsafeRaw: String(limit))) AS mine_left
            UNION ALL
            SELECT * FROM (SELECT \(unsafeRaw: columns) FROM matches WHERE right_user_id = \(bind: userID) AND status <> 'live'
                           ORDER BY ended_at DESC LIMIT \(unsafeRaw: String(limit))) AS mine_right
            ORDER BY ended_at DESC LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
        return try rows.map { row in
            let side = try row.decode(column: "left_user_id", as: UUID?.self) == userID ? "left" : "right"
            let left = try row.decode(column: "left_score", as: Int.self), right = try row.decode(column: "right_score", as: Int.self)
            let status = Match.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .abandoned
            let winner = try row.decode(column: "winner", as: String?.self)
            let result = status == .abandoned || winner == nil ? "abandoned" : winner == side ? "won" : "lost"
            return DashboardDTO.Result(
                match: try row.decode(column: "id", as: UUID.self), result: result,
                scored: side == "left" ? left : right, conceded: side == "left" ? right : left,
                mode: Match.Mode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .local,
                at: try row.decode(column: "ended_at", as: Date?.self) ?? row.decode(column: "started_at", as: Date.self))
        }
    }

    func site() async throws -> SiteStatsDTO {
        let live = try await liveFigures()
        let totals = try await SiteStats.find(SiteStats.key, on: db)?.figures ?? SiteFigures()
        return SiteStatsDTO(
            players: try await User.query(on: db).count(),
            matches: .init(total: totals.matches, online: totals.remoteMatches, local: totals.localMatches, ai: totals.aiMatches),
            tournaments: totals.tournaments, points: totals.points,
            longestRally: .init(hits: totals.longestRally, match: totals.longestRallyMatchID),
            playersOnline: live.playersOnline, gamesLive: live.gamesLive)
    }

    /// Players by rating with at least 5 rated games against more than one opponent (a rating won
    /// from one opponent only is no rating: `FairRatingRules`); the viewer's own rank even off the page.
    /// Four reads whatever the page: the page (walking the rating index), its players, my rating,
    /// and one pass that counts the board and the players above the page's first entry and above me.
    func leaderboard(page: Int, per: Int, friendsOnly: Bool, viewer: UUID?) async throws -> LeaderboardDTO {
        let sql = try db.sql
        var scope: [UUID]?
        if friendsOnly {
            guard let viewer else { throw AppError.unauthenticated }
            scope = try await FriendsService.friendIDs(of: viewer, on: db) + [viewer]
        }
        let query = PlayerRating.query(on: db).filter(\.$ratedGames >= Self.ratedGamesToQualify)
            .filter(\.$ratedOpponents >= FairRatingRules.leaderboardOpponents)
        if let scope { query.filter(\.$user.$id ~~ scope) }
        let rows = try await query.with(\.$user)
            .sort(\.$rating, .descending).sort(\.$user.$id)
            .range(((page - 1) * per)..<(page * per)).all()
        var mine: PlayerRating?
        if let viewer { mine = try await PlayerRating.query(on: db).filter(\.$user.$id == viewer).first() }
        let myRating = mine?.rating ?? Glicko2.Rating.newPlayer.rating
        let inScope = scope.map { SQLQueryString(" AND user_id IN (\(binds: $0))") } ?? SQLQueryString("")
        let counts = try await sql.raw(
            """
            SELECT COUNT(*) AS total,
                   COALESCE(SUM(CASE WHEN rating > \(bind: rows.first?.rating ?? 0) THEN 1 ELSE 0 END), 0) AS above_first,
                   COALESCE(SUM(CASE WHEN rating > \(bind: myRating) THEN 1 ELSE 0 END), 0) AS above_me
            FROM player_ratings WHERE rated_games >= \(bind: Self.ratedGamesToQualify)
              AND rated_opponents >= \(bind: FairRatingRules.leaderboardOpponents)\(inScope)
            """
        ).first()
        let total = try counts?.decode(column: "total", as: Int.self) ?? 0
        let aboveFirst = try counts?.decode(column: "above_first", as: Int.self) ?? 0
        let aboveMe = try counts?.decode(column: "above_me", as: Int.self) ?? 0
        var items: [LeaderboardEntryDTO] = []
        for (index, row) in rows.enumerated() {
            let user = row.user
            // Competition ranking (1, 2, 2, 4): everyone above plus one; a tie shares the rank.
            let rank: Int
            if index == 0 {
                rank = aboveFirst + 1
            } else if rows[index - 1].rating == row.rating, let previous = items.last {
                rank = previous.rank
            } else {
                rank = (page - 1) * per + index + 1
            }
            items.append(
                LeaderboardEntryDTO(
                    rank: rank, username: user.username, avatarURL: AvatarURL.for(user), rating: Int(row.rating.rounded()),
                    deviation: Int(row.deviation.rounded()), provisional: row.deviation > Self.provisionalDeviation,
                    ratedGames: row.ratedGames))
        }
        let me = viewer.map { _ in
            let games = mine?.ratedGames ?? 0
            let opponents = mine?.ratedOpponents ?? 0
            let qualified =
                games >= Self.ratedGamesToQualify && FairRatingRules.ratingIsShownOnLeaderboard(distinctRatedOpponents: opponents)
            return LeaderboardDTO.Me(
                rank: qualified ? aboveMe + 1 : nil, rating: Int(myRating.rounded()),
                provisional: (mine?.deviation ?? Glicko2.Rating.newPlayer.deviation) > Self.provisionalDeviation,
                ratedGames: games, gamesToQualify: max(0, Self.ratedGamesToQualify - games),
                opponentsToQualify: max(0, FairRatingRules.leaderboardOpponents - opponents))
        }
        return LeaderboardDTO(items: items, page: page, per: per, total: total, friendsOnly: friendsOnly, me: me)
    }

    /// My record against another player in online games.
    func headToHead(_ me: UUID, against other: User) async throws -> HeadToHeadDTO {
        let otherID = try other.requireID()
        let games = try await Match.query(on: db).filter(\.$mode == .remote).filter(\.$status ~~ [.finished, .forfeit])
            .group(.or) { pair in
                pair.group(.and) { $0.filter(\.$leftUser.$id == me).filter(\.$rightUser.$id == otherID) }
                pair.group(.and) { $0.filter(\.$leftUser.$id == otherID).filter(\.$rightUser.$id == me) }
            }
            .sort(\.$endedAt, .descending).all()
        let wins = games.filter { $0.winner == ($0.$leftUser.id == me ? "left" : "right") }.count
        return HeadToHeadDTO(
            opponent: other.username, wins: wins, losses: games.count - wins,
            games: try games.prefix(10).map { try MatchDTO($0, viewer: me) })
    }
}

extension Application {
    func statsInsights(on db: any Database) -> StatsInsights {
        StatsInsights(db: db, clock: clock, users: connectedUsers, games: games, instanceID: config.instanceID)
    }
}

extension Request {
    var statsInsights: StatsInsights { application.statsInsights(on: db) }
}

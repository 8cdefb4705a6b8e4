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

    func dashboard(of userID: UUID) async throws -> DashboardDTO {
        let changes = try await RatingChange.query(on: db).filter(\.$user.$id == userID)
            .sort(\.$createdAt, .descending).range(0..<200).all()
        let lastPlayed = try await recentMatches(of: userID, limit: 50)
        let since = MatchFacts.dayFormat(Date().addingTimeInterval(-364 * 86_400))
        let days = try await PlayerActivity.query(on: db).filter(\.$user.$id == userID).filter(\.$day >= since).sort(\.$day).all()
        let figures = try await PlayerStatsRow.query(on: db).filter(\.$user.$id == userID).first()?.figures ?? PlayerFigures()
        return DashboardDTO(
            rating: changes.reversed().map { DashboardDTO.RatingPoint(at: $0.createdAt, rating: Int($0.ratingAfter.rounded())) },
            recent: try lastPlayed.reversed().map { match in
                let side = match.$leftUser.id == userID ? "left" : "right"
                let (mine, theirs) = side == "left" ? (match.leftScore, match.rightScore) : (match.rightScore, match.leftScore)
                let result = match.status == .abandoned || match.winner == nil ? "abandoned" : match.winner == side ? "won" : "lost"
                return DashboardDTO.Result(match: try match.requireID(), result: result, scored: mine, conceded: theirs,
                                           mode: match.mode, at: match.endedAt ?? match.startedAt)
            },
            activity: days.map { DashboardDTO.Day(day: $0.day, games: $0.games) },
            modes: Dictionary(uniqueKeysWithValues: PlayerFigures.Mode.allCases.map {
                ($0.rawValue, PlayerStatsDTO.ModeRecord(figures.modes[$0] ?? .init()))
            }))
    }

    /// The player's newest closed matches: two index range reads (as left, as right), merged.
    private func recentMatches(of userID: UUID, limit: Int) async throws -> [Match] {
        let asLeft = try await Match.query(on: db).filter(\.$leftUser.$id == userID).filter(\.$status != .live)
            .sort(\.$endedAt, .descending).range(0..<limit).all()
        let asRight = try await Match.query(on: db).filter(\.$rightUser.$id == userID).filter(\.$status != .live)
            .sort(\.$endedAt, .descending).range(0..<limit).all()
        return Array((asLeft + asRight).sorted { ($0.endedAt ?? $0.startedAt) > ($1.endedAt ?? $1.startedAt) }.prefix(limit))
    }

    func site(playersOnline: Int, gamesLive: Int) async throws -> SiteStatsDTO {
        let totals = try await SiteStats.find(SiteStats.key, on: db)?.figures ?? SiteFigures()
        return SiteStatsDTO(
            players: try await User.query(on: db).count(),
            matches: .init(total: totals.matches, online: totals.remoteMatches, local: totals.localMatches, ai: totals.aiMatches),
            tournaments: totals.tournaments, points: totals.points,
            longestRally: .init(hits: totals.longestRally, match: totals.longestRallyMatchID),
            playersOnline: playersOnline, gamesLive: gamesLive)
    }

    /// Players by rating with at least 5 rated games; the viewer's own rank even off the page.
    func leaderboard(page: Int, per: Int, friendsOnly: Bool, viewer: UUID?) async throws -> LeaderboardDTO {
        var scope: [UUID]?
        if friendsOnly {
            guard let viewer else { throw AppError.unauthenticated }
            scope = try await FriendsService.friendIDs(of: viewer, on: db) + [viewer]
        }
        let eligible = { () -> QueryBuilder<PlayerRating> in
            let query = PlayerRating.query(on: self.db).filter(\.$ratedGames >= Self.ratedGamesToQualify)
            if let scope { query.filter(\.$user.$id ~~ scope) }
            return query
        }
        let total = try await eligible().count()
        let rows = try await eligible().with(\.$user).sort(\.$rating, .descending).sort(\.$user.$id)
            .range(((page - 1) * per)..<(page * per)).all()
        var items: [LeaderboardEntryDTO] = []
        for (index, row) in rows.enumerated() {
            let rank: Int
            // Competition ranking (1, 2, 2, 4): everyone above plus one; a tie shares the rank.
            if index == 0 {
                rank = try await eligible().filter(\.$rating > row.rating).count() + 1
            } else if rows[index - 1].rating == row.rating, let previous = items.last {
                rank = previous.rank
            } else {
                rank = (page - 1) * per + index + 1
            }
            items.append(LeaderboardEntryDTO(
                rank: rank, username: row.user.username, avatarURL: AvatarURL.for(row.user), rating: Int(row.rating.rounded()),
                deviation: Int(row.deviation.rounded()), provisional: row.deviation > Self.provisionalDeviation, ratedGames: row.ratedGames))
        }
        var me: LeaderboardDTO.Me?
        if let viewer {
            let mine = try await PlayerRating.query(on: db).filter(\.$user.$id == viewer).first()
            let games = mine?.ratedGames ?? 0
            let rating = mine?.rating ?? Glicko2.Rating.newPlayer.rating
            let qualifies = games >= Self.ratedGamesToQualify
            me = LeaderboardDTO.Me(
                rank: qualifies ? try await eligible().filter(\.$rating > rating).count() + 1 : nil,
                rating: Int(rating.rounded()), provisional: (mine?.deviation ?? Glicko2.Rating.newPlayer.deviation) > Self.provisionalDeviation,
                ratedGames: games, gamesToQualify: max(0, Self.ratedGamesToQualify - games))
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
        return HeadToHeadDTO(opponent: other.username, wins: wins, losses: games.count - wins,
                             games: try games.prefix(10).map { try MatchDTO($0, viewer: me) })
    }
}

extension Request {
    var statsInsights: StatsInsights { StatsInsights(db: db) }
}

import Fluent
import Foundation

/// The facts the fair-rating rules need, read from the database: how often a pair played rated
/// lately, whether an account is new, and whether two accounts are related.
struct RatingRelations {
    let db: any Database

    /// Rated games the two began since `since` (any outcome but an abandoned one, live ones included).
    func ratedGames(between one: UUID, and other: UUID, since: Date) async throws -> Int {
        try await Self.betweenPair(one, other, on: db)
            .filter(\.$rated == true).filter(\.$status != .abandoned).filter(\.$startedAt >= since)
            .count()
    }

    /// Whether the two played a game that moved their ratings before (`except` the one being stored).
    func playedRatedBefore(_ one: UUID, _ other: UUID, except matchID: UUID) async throws -> Bool {
        try await RatingChange.query(on: db).filter(\.$user.$id == one).filter(\.$match.$id != matchID)
            .join(Match.self, on: \RatingChange.$match.$id == \Match.$id)
            .group(.or) { either in
                either.filter(Match.self, \.$leftUser.$id == other)
                either.filter(Match.self, \.$rightUser.$id == other)
            }
            .first() != nil
    }

    /// Friends, or two accounts seen on one client address within the window (by their sessions).
    func areRelated(_ one: UUID, _ other: UUID, at now: Date) async throws -> Bool {
        if try await FriendsService.areFriends(one, other, on: db) { return true }
        let since = now.addingTimeInterval(-FairRatingRules.sharedAddressWindow)
        let mine = try await UserSession.query(on: db).filter(\.$user.$id == one).filter(\.$lastSeenAt >= since)
            .all(\.$ipAddress)
        guard !mine.isEmpty else { return false }
        return try await UserSession.query(on: db).filter(\.$user.$id == other).filter(\.$lastSeenAt >= since)
            .filter(\.$ipAddress ~~ Set(mine)).first() != nil
    }

    /// Whether the account is new when a game ends (`ratedGames` counted before it).
    func isNewcomer(_ userID: UUID, ratedGames: Int, at now: Date) async throws -> Bool {
        let created = try await User.find(userID, on: db)?.createdAt ?? now
        return FairRatingRules.isNewcomer(accountAge: now.timeIntervalSince(created), ratedGames: ratedGames)
    }

    static func betweenPair(_ one: UUID, _ other: UUID, on db: any Database) -> QueryBuilder<Match> {
        Match.query(on: db).group(.or) { either in
            either.group(.and) { $0.filter(\.$leftUser.$id == one).filter(\.$rightUser.$id == other) }
            either.group(.and) { $0.filter(\.$leftUser.$id == other).filter(\.$rightUser.$id == one) }
        }
    }
}

import Fluent
import Foundation
import Vapor

/// Records the rated games players leave and the playbans they earn, and refuses a banned player's
/// new games. Recording happens inside the transaction that stores the result, so a result and the
/// abandonment it implies are never seen one without the other.
enum Playbans {
    /// Counts one abandoned rated game against `userID`; returns the ban it earned, if it was one too many.
    @discardableResult
    static func recordAbandonment(
        by userID: UUID, of matchID: UUID, reason: Match.EndReason, at now: Date, in db: any Database
    ) async throws -> Playban? {
        // A deleted account has nothing left to ban; a result stored twice counts once.
        guard try await User.find(userID, on: db) != nil,
            try await Abandonment.query(on: db).filter(\.$user.$id == userID).filter(\.$matchID == matchID).first() == nil
        else { return nil }
        try await Abandonment(userID: userID, matchID: matchID, reason: reason, at: now).create(on: db)
        let lastBan = try await Playban.query(on: db).filter(\.$user.$id == userID).sort(\.$startedAt, .descending).first()
        var counted = Abandonment.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$at >= PlaybanRules.countingSince(now: now, lastBanStarted: nil))
        // What earned the last ban was paid for by it.
        if let lastBan { counted = counted.filter(\.$at > lastBan.startedAt) }
        let abandonments = try await counted.count()
        guard PlaybanRules.earnsBan(abandonmentsCounted: abandonments) else { return nil }
        let earlier = try await Playban.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$startedAt > now.addingTimeInterval(-PlaybanRules.escalationWindow)).count()
        let ban = Playban(
            userID: userID, level: earlier, abandonments: abandonments, startedAt: now,
            until: now.addingTimeInterval(PlaybanRules.length(earlierBans: earlier)))
        try await ban.create(on: db)
        return ban
    }

    /// The ban `userID` is serving at `now`, if any.
    static func current(for userID: UUID, at now: Date, on db: any Database) async throws -> Playban? {
        try await Playban.query(on: db).filter(\.$user.$id == userID).filter(\.$until > now)
            .sort(\.$until, .descending).first()
    }

    /// Refuses a new online game (queue, invitation, challenge, rematch) while `userID` is banned.
    static func refuseWhileBanned(_ userID: UUID, at now: Date, on db: any Database) async throws {
        if let ban = try await current(for: userID, at: now, on: db) { throw AppError.playban(until: ban.until, now: now) }
    }
}

extension AppError {
    static func playban(until: Date, now: Date) -> AppError {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        let wait = Self.timeLeft(minutes: minutes)
        var error = AppError(
            status: .forbidden, code: "playban",
            message: "You left too many rated games. You can start online games again in \(wait).")
        error.until = until
        return error
    }
}

/// A player's own view of their playban (My profile).
struct PlaybanDTO: Content {
    let until: Date
    /// 0 for the first ban in a week, then 1, 2…: the next one is longer.
    let level: Int
    /// The rated games left in the window that earned it.
    let abandonments: Int

    static func current(for userID: UUID, at now: Date, on db: any Database) async throws -> PlaybanDTO? {
        guard let ban = try await Playbans.current(for: userID, at: now, on: db) else { return nil }
        return PlaybanDTO(until: ban.until, level: ban.level, abandonments: ban.abandonments)
    }
}

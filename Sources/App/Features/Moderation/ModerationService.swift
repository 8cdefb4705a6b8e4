import Fluent
import Vapor

/// What a moderator can do to a player, each step with its entry in the audit log, in one
/// transaction: dismiss a report, warn, mute in chat, reset a username or avatar, suspend, and mark
/// a pair's rated games as farmed. A moderator never acts on staff; an admin acts on moderators.
struct ModerationService {
    let db: any Database
    let clock: AppClock
    let app: Application
    /// Who acts, and as what.
    let actor: User
    let role: StaffRole.Role

    static let longestReason = 500
    /// The longest mute or timed suspension (a longer one is for good).
    static let longestMinutes = 60 * 24 * 365

    // MARK: Reports

    func dismiss(_ reportID: UUID, reason: String) async throws {
        let reason = try Self.checked(reason)
        let report = try await openReport(reportID, about: nil)
        let target = try await User.find(report.$target.id, on: db) ?? { throw AppError.userNotFound }()
        try await record(.dismiss, on: target, report: report, reason: reason, details: nil) { _ in }
    }

    // MARK: Actions on a player

    func warn(_ username: String, reason: String, report: UUID?) async throws {
        let (target, reason, report) = try await prepare(username, reason, report)
        try await record(.warn, on: target, report: report, reason: reason, details: nil) { _ in }
        try await app.notifications(on: db).notify(try target.requireID(), .moderationWarning, actor: nil, data: ["reason": reason])
    }

    func mute(_ username: String, minutes: Int, reason: String, report: UUID?) async throws {
        let (target, reason, report) = try await prepare(username, reason, report)
        let minutes = try Self.checkedMinutes(minutes)
        let until = clock.now.addingTimeInterval(TimeInterval(minutes * 60))
        try await record(.mute, on: target, report: report, reason: reason, details: "until \(utcMinute(until))") { tx in
            try await ChatMute(userID: target.requireID(), until: until, reason: reason, at: clock.now).create(on: tx)
        }
    }

    func unmute(_ username: String, reason: String) async throws {
        let (target, reason, _) = try await prepare(username, reason, nil)
        let now = clock.now
        try await record(.unmute, on: target, report: nil, reason: reason, details: nil) { tx in
            try await ChatMute.query(on: tx).filter(\.$user.$id == target.requireID()).filter(\.$until > now)
                .set(\.$until, to: now).update()
        }
    }

    /// A neutral name nobody has: "player" and six digits.
    func resetUsername(_ username: String, reason: String, report: UUID?) async throws {
        let (target, reason, report) = try await prepare(username, reason, report)
        let old = target.username
        var fresh = ""
        repeat {
            fresh = "player\(Int.random(in: 100_000...999_999))"
        } while try await User.query(on: db).filter(\.$usernameKey == fresh).first() != nil
        let name = fresh
        try await record(.resetUsername, on: target, report: report, reason: reason, details: "was \(old), now \(name)") { tx in
            target.setUsername(name)
            try await target.update(on: tx)
        }
    }

    func resetAvatar(_ username: String, reason: String, report: UUID?) async throws {
        let (target, reason, report) = try await prepare(username, reason, report)
        try await record(.resetAvatar, on: target, report: report, reason: reason, details: nil) { _ in }
        _ = try await app.avatars(on: db).remove(for: target)
    }

    /// Suspends for `minutes`, or for good when nil: every session ends at once, and with them the
    /// account's sockets (closed with 4001) on every instance.
    func suspend(_ username: String, minutes: Int?, reason: String, report: UUID?) async throws {
        let (target, reason, report) = try await prepare(username, reason, report)
        let until = try minutes.map { clock.now.addingTimeInterval(TimeInterval(try Self.checkedMinutes($0) * 60)) }
        let targetID = try target.requireID()
        try await record(
            .suspend, on: target, report: report, reason: reason, details: until.map { "until \(utcMinute($0))" } ?? "for good"
        ) {
            tx in
            try await Suspension(userID: targetID, until: until, reason: reason, at: clock.now).create(on: tx)
        }
        try await app.sessions(on: db).endAll(of: targetID, keeping: nil)
        await app.events.publish(SessionsEnded(allSessionsOf: targetID))
    }

    func unsuspend(_ username: String, reason: String) async throws {
        let (target, reason, _) = try await prepare(username, reason, nil)
        let now = clock.now
        let targetID = try target.requireID()
        try await record(.unsuspend, on: target, report: nil, reason: reason, details: nil) { tx in
            for open in try await Suspension.query(on: tx).filter(\.$user.$id == targetID)
                .group(.or, { $0.filter(\.$until == nil).filter(\.$until > now) }).all()
            {
                open.until = now
                try await open.update(on: tx)
            }
        }
    }

    /// Every rated game between the player and `opponent` becomes unrated (`farmed`), and both
    /// ratings are recomputed from what remains of their histories.
    func markFarmed(_ username: String, with opponentName: String, reason: String, report: UUID?) async throws {
        let (target, reason, report) = try await prepare(username, reason, report)
        let opponent = try await User.named(opponentName, on: db)
        try guardMayAct(on: opponent, role: try await StaffRole.of(opponent.requireID(), on: db))
        let (one, other) = (try target.requireID(), try opponent.requireID())
        guard one != other else { throw AppError.field("opponent", "Name the other player of the farmed games.") }
        let games = try await RatingRelations.betweenPair(one, other, on: db).filter(\.$leftRatingDelta != nil).all()
        guard !games.isEmpty else { throw AppError.noRatedGamesBetween(target.username, opponent.username) }
        let details =
            games.count == 1 ? "1 rated game against \(opponent.username)" : "\(games.count) rated games against \(opponent.username)"
        try await record(.markFarmed, on: target, report: report, reason: reason, details: details) { tx in
            let ids = try games.map { try $0.requireID() }
            try await RatingChange.query(on: tx).filter(\.$match.$id ~~ ids).delete()
            for game in games {
                game.rated = false
                game.ratingNote = .farmed
                game.leftRatingDelta = nil
                game.rightRatingDelta = nil
                game.leftRatingAfter = nil
                game.rightRatingAfter = nil
                try await game.update(on: tx)
            }
            let rebuild = RatingRebuild(db: tx, clock: clock)
            try await rebuild.rebuild(one)
            try await rebuild.rebuild(other)
        }
    }

    // MARK: Helpers

    private func prepare(_ username: String, _ reason: String, _ reportID: UUID?) async throws -> (User, String, Report?) {
        let reason = try Self.checked(reason)
        let target = try await User.named(username, on: db)
        try guardMayAct(on: target, role: try await StaffRole.of(target.requireID(), on: db))
        let report = try await reportID.asyncMap { try await openReport($0, about: target) }
        return (target, reason, report)
    }

    /// Moderators act on players; admins on players and moderators; nobody on an admin or themselves.
    private func guardMayAct(on target: User, role targetRole: StaffRole.Role?) throws {
        if target.id == actor.id { throw AppError.cannotModerateStaff }
        switch (role, targetRole) {
        case (_, nil), (.admin, .moderator): return
        default: throw AppError.cannotModerateStaff
        }
    }

    private func openReport(_ id: UUID, about target: User?) async throws -> Report {
        guard let report = try await Report.find(id, on: db), target.map({ $0.id == report.$target.id }) ?? true else {
            throw AppError.reportNotFound
        }
        guard report.status == .open else { throw AppError.reportClosed }
        return report
    }

    /// The action's own writes, its log entry and the report it answers, as one step.
    private func record(
        _ action: ModerationLogEntry.Action, on target: User, report: Report?, reason: String, details: String?,
        _ writes: @escaping @Sendable (any Database) async throws -> Void
    ) async throws {
        let now = clock.now
        let entry = ModerationLogEntry(
            actor: actor, action: action, target: target, reportID: report?.id, reason: reason, details: details, at: now)
        try await db.transaction { tx in
            if let report {
                // Closed only if still open: two moderators answering one report can't both act on it.
                let id = try report.requireID()
                try await RowLock.lock(Report.schema, id: id, touching: "status", in: tx)
                guard let current = try await Report.find(id, on: tx), current.status == .open else { throw AppError.reportClosed }
                current.status = .closed
                current.closedAt = now
                try await current.update(on: tx)
            }
            try await writes(tx)
            try await entry.create(on: tx)
        }
    }

    static func checked(_ reason: String) throws -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AppError.field("reason", "Say why: the audit log keeps it.") }
        guard trimmed.count <= longestReason else { throw AppError.field("reason", "Say it in \(longestReason) characters or fewer.") }
        return trimmed
    }

    static func checkedMinutes(_ minutes: Int) throws -> Int {
        guard (1...longestMinutes).contains(minutes) else {
            throw AppError.field("minutes", "Choose between 1 minute and a year (\(longestMinutes) minutes).")
        }
        return minutes
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension AppError {
    static let cannotModerateStaff = AppError(
        status: .forbidden, code: "cannot_moderate_staff",
        message: "Moderators can't act on an admin, another moderator or themselves.")
    static let reportNotFound = AppError(status: .notFound, code: "report_not_found", message: "There is no such report.")
    static let reportClosed = AppError(
        status: .conflict, code: "report_closed", message: "Another moderator has already answered this report.")
    static func noRatedGamesBetween(_ one: String, _ other: String) -> AppError {
        AppError(
            status: .conflict, code: "no_rated_games",
            message: "\(one) and \(other) have no rated games that moved their ratings.", fields: ["opponent": "No rated games together."])
    }
}

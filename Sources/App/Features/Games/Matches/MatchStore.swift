import Fluent
import Foundation

/// Writes match records: a `live` row when a game starts, and its result
/// exactly once. The status check inside the transaction and the unique
/// (match, point number) pair make a second write fail instead of duplicating.
struct MatchStore: Sendable {
    let database: @Sendable () throws -> any Database
    /// Stamps the end of a game when its result is stored.
    let clock: AppClock
    /// This instance: the owner of the games it starts.
    let instanceID: String
    var ratings: Ratings { Ratings(clock: clock) }

    func create(_ setup: GameSetup, on db: any Database) async throws {
        let match = Match()
        match.id = setup.id
        match.kind = "pong"
        match.mode = setup.mode
        match.status = .live
        match.ownerInstance = instanceID
        match.pointsToWin = setup.settings.pointsToWin
        match.ballSpeed = setup.settings.ballSpeed.rawValue
        match.paddleSize = setup.settings.paddleSize.rawValue
        match.$host.id = setup.hostID
        match.leftKind = setup.left.kind
        match.$leftUser.id = setup.left.userID
        match.leftName = setup.left.name
        match.leftAILevel = setup.left.aiLevel?.rawValue
        match.rightKind = setup.right.kind
        match.$rightUser.id = setup.right.userID
        match.rightName = setup.right.name
        match.rightAILevel = setup.right.aiLevel?.rawValue
        match.leftScore = 0
        match.rightScore = 0
        match.longestRally = 0
        match.totalHits = 0
        match.startedAt = setup.startedAt
        match.rated = setup.rated
        match.ratingNote = setup.ratingNote
        try await match.create(on: db)
    }

    /// Returns the stored record (with the rating changes of a rated game), or nil when the match
    /// was already closed (nothing is written then).
    @discardableResult
    func finish(_ outcome: GameOutcome) async throws -> Match? {
        try await database().transaction { db in
            // Write-lock first: on SQLite a transaction that reads before writing can't upgrade once
            // another result commits in between (SQLITE_BUSY_SNAPSHOT) — parallel tournament games do.
            try await RowLock.lock(Match.schema, id: outcome.setup.id, touching: "status", in: db)
            // The players are free again in the step that stores the result (a replay frees them too).
            try await PlayerClaims.release(game: outcome.setup.id, in: db)
            guard
                let match = try await Match.query(on: db)
                    .filter(\.$id == outcome.setup.id).filter(\.$status == .live).first()
            else { return nil }
            match.status = outcome.status
            match.leftScore = outcome.leftScore
            match.rightScore = outcome.rightScore
            match.winner = outcome.winner?.rawValue
            match.longestRally = outcome.longestRally
            match.totalHits = outcome.totalHits
            match.endedAt = clock.now
            match.endReason = outcome.endReason
            match.durationMilliseconds = outcome.durationMilliseconds
            try await rate(match, outcome, in: db)
            try await match.update(on: db)
            let points = outcome.points.map {
                MatchPoint(
                    matchID: outcome.setup.id, number: $0.number, atMilliseconds: $0.atMilliseconds,
                    scorer: $0.scorer.rawValue, rally: $0.rally, leftScore: $0.leftScore, rightScore: $0.rightScore)
            }
            if !points.isEmpty { try await points.create(on: db) }
            if let log = outcome.inputLog {
                try await MatchReplay(matchID: outcome.setup.id, seed: outcome.setup.seed, inputLog: log).create(on: db)
            }
            // The kept figures move in the same step: a stored result is always counted, once.
            try await db.statsLedger.record(MatchFacts(match))
            return match
        }
    }

    /// Moves both ratings for a rated game, unless the fair-rating rules say it decided nothing (it is
    /// then stored casual, with why), and counts an abandoned rated game against the one who left.
    private func rate(_ match: Match, _ outcome: GameOutcome, in db: any Database) async throws {
        guard match.rated, let leftID = outcome.setup.left.userID, let rightID = outcome.setup.right.userID else { return }
        for leaver in outcome.leavers {
            try await Playbans.recordAbandonment(
                by: leaver, of: outcome.setup.id, reason: outcome.endReason ?? .quit, at: clock.now, in: db)
        }
        // Rated only while both accounts exist: a player who deleted theirs mid-game has no rating to move.
        guard outcome.status != .abandoned, let winner = outcome.winner,
            try await User.query(on: db).filter(\.$id ~~ [leftID, rightID]).count() == 2
        else { return }
        guard
            FairRatingRules.movesRating(
                forfeited: outcome.status == .forfeit, playedMilliseconds: outcome.durationMilliseconds,
                pointsPlayed: outcome.points.count)
        else {
            match.rated = false
            match.ratingNote = .tooShort
            return
        }
        let moves = try await ratings.on(db).record(match: outcome.setup.id, left: leftID, right: rightID, winner: winner)
        // The change is rounded on its own so that it matches what the rating history shows.
        match.leftRatingDelta = Int(moves.left.change.rounded())
        match.rightRatingDelta = Int(moves.right.change.rounded())
        match.leftRatingAfter = Int(moves.left.after.rounded())
        match.rightRatingAfter = Int(moves.right.after.rounded())
    }

    /// The stored record of a match, whatever its state.
    func record(_ id: UUID) async throws -> Match? {
        try await Match.find(id, on: database())
    }

    /// Ends the live games nobody runs any more. At start (`starting`) this instance runs no game:
    /// a process that is the whole site (`alone`) ends every live game; in a cluster an instance ends
    /// its own last run's games and those of instances that stopped beating (`GameOwnership`), which
    /// is also what the leader's periodic job ends — never a game a running instance owns.
    func abandonInterruptedGames(alone: Bool, starting: Bool = true, at moment: Date? = nil, on db: any Database) async throws -> [UUID] {
        let now = moment ?? clock.now
        if alone { try await PlayerClaims.releaseAll(in: db) }
        let live = try await Match.query(on: db).filter(\.$status == .live).all()
        let orphaned =
            alone ? live : try await GameOwnership.orphaned(live, me: instanceID, mineAreDead: starting, at: now, on: db)
        var abandoned: [UUID] = []
        for match in orphaned {
            let id = try match.requireID()
            let ended = try await db.transaction { tx -> Bool in
                try await RowLock.lock(Match.schema, id: id, touching: "status", in: tx)
                // Still live and still the dead owner's: an instance that took it over meanwhile runs it now.
                guard let current = try await Match.query(on: tx).filter(\.$id == id).filter(\.$status == .live).first(),
                    current.ownerInstance == match.ownerInstance
                else {
                    return false
                }
                try await PlayerClaims.release(game: id, in: tx)
                current.status = .abandoned
                current.endedAt = now
                try await current.update(on: tx)
                try await tx.statsLedger.record(MatchFacts(current))
                return true
            }
            if ended { abandoned.append(id) }
        }
        return abandoned
    }
}

import Fluent
import Matchmaking
import PongCore
import Vapor

/// Quick match: one click puts a player in the queue; the server pairs players of close ratings
/// (the allowed gap widens while they wait), never two tabs of one player nor players who
/// blocked each other, and starts a rated game for each pair. A player is in at most one of:
/// the queue, a pending invitation of their own, a live remote game.
struct QuickMatchService {
    let db: any Database
    let users: ConnectedUsers
    let games: GameHub
    let matchmaker: any Matchmaker
    let ratings: RatingService
    let clock: AppClock
    let eventLoop: any EventLoop
    let logger: Logger

    func join(_ me: User) async throws -> QueueStatusDTO {
        let meID = try me.requireID()
        try await Playbans.refuseWhileBanned(meID, at: clock.now, on: db)
        if try await games.isInRemoteGame(meID, on: db) { throw AppError.youAreInAGame }
        // Nobody waits without a tab that can hear `match_found` (the entry goes with the last one).
        if !users.isConnected(meID) { throw AppError.notConnected }
        // A player who could not start the game a pairing makes is never queued: they would be
        // paired again and again, and their partners would never get a game.
        if games.liveGames(hostedBy: meID).count >= games.limits.gamesPerUser {
            throw AppError.tooManyGames(games.limits.gamesPerUser)
        }
        if try await GameInvitation.query(on: db).filter(\.$inviter.$id == meID).filter(\.$status == .pending)
            .filter(\.$expiresAt > clock.now).first() != nil
        {
            throw AppError.alreadyInviting
        }
        _ = try await matchmaker.join(try await entry(for: meID, username: me.username, joinedAt: clock.now))
        try await pairWaitingPlayers()
        return try await status(of: me)
    }

    /// A player whose opponent never came goes back to the queue where they were (their first
    /// join's time puts them ahead of everyone who came later), if a tab of theirs is still open.
    func requeue(_ userID: UUID, username: String, joinedAt: Date) async throws {
        guard users.isConnected(userID), try await !games.isInRemoteGame(userID, on: db) else { return }
        _ = try await matchmaker.join(try await entry(for: userID, username: username, joinedAt: joinedAt))
    }

    private func entry(for userID: UUID, username: String, joinedAt: Date) async throws -> QueueEntry {
        let rating = try await ratings.current(of: userID)
        let avoided = try await Block.query(on: db)
            .group(.or) { $0.filter(\.$blocker.$id == userID).filter(\.$blocked.$id == userID) }.all()
            .map { $0.$blocker.id == userID ? $0.$blocked.id : $0.$blocker.id }
        return QueueEntry(userID: userID, username: username, rating: rating.rating, joinedAt: joinedAt, avoided: Set(avoided))
    }

    func leave(_ me: User) async throws {
        try await matchmaker.leave(try me.requireID())
    }

    func status(of me: User) async throws -> QueueStatusDTO {
        let meID = try me.requireID()
        let rating = try await ratings.current(of: meID)
        let since = try await matchmaker.waitingSince(meID)
        let waited = since.map { clock.now.timeIntervalSince($0) } ?? 0
        return QueueStatusDTO(
            queued: since != nil, since: since, rating: Int(rating.rating.rounded()),
            allowedGap: since == nil ? nil : Int(PairingRule.allowedGap(waited: waited)))
    }

    /// Pairs whoever can be paired now and starts their games (the queue's ticker calls it every second).
    func pairWaitingPlayers() async throws {
        for (left, right) in try await matchmaker.pair(at: clock.now) {
            do {
                try await start(left, right)
            } catch {
                logger.warning("Quick match \(left.username) vs \(right.username) not started: \(String(reflecting: error))")
                // Whoever could not play leaves the queue; the other goes back in line, keeping their
                // place, and is never paired with the same partner again at once.
                for entry in Self.stillWaiting(
                    after: error, left: left, right: right,
                    hostLimitReached: { userID in
                        games.liveGames(hostedBy: userID).count >= games.limits.gamesPerUser
                    })
                {
                    _ = try await matchmaker.join(entry)
                }
            }
        }
    }

    /// Who goes back in the queue after a pairing failed: not a player already in another game,
    /// nor one at their live-game limit; both when the failure was nobody's (a busy database).
    static func stillWaiting(
        after error: any Error, left: QueueEntry, right: QueueEntry,
        hostLimitReached: (UUID) -> Bool
    ) -> [QueueEntry] {
        if let busy = error as? PlayerInAnotherGame {
            return [left, right].filter { $0.userID != busy.userID }
        }
        let atLimit = [left, right].filter { hostLimitReached($0.userID) }
        return atLimit.isEmpty ? [left, right] : [left, right].filter { !hostLimitReached($0.userID) }
    }

    private func start(_ left: QueueEntry, _ right: QueueEntry) async throws {
        // Strangers play the standard rules, rated; each in their own look.
        let leftLook = try await GameSettingsRecord.settings(of: left.userID, on: db).look
        let rightLook = try await GameSettingsRecord.settings(of: right.userID, on: db).look
        var setup = GameSetup.remote(
            left: (left.userID, left.username, leftLook), right: (right.userID, right.username, rightLook),
            settings: .standard, rated: true, at: clock.now)
        setup.queuedSince = [left.userID: left.joinedAt, right.userID: right.joinedAt]
        _ = try await games.start(setup, on: eventLoop, db: db)
        let found = { (opponent: QueueEntry) in
            MatchFoundDTO(game: setup.id, opponent: opponent.username, opponentRating: Int(opponent.rating.rounded()))
        }
        users.send(to: [left.userID], .matchFound(found(right)))
        users.send(to: [right.userID], .matchFound(found(left)))
    }
}

struct QueueStatusDTO: Content, Equatable {
    let queued: Bool
    /// When the player joined the queue.
    let since: Date?
    let rating: Int
    /// How far from their rating an opponent may be right now.
    let allowedGap: Int?
}

/// `match_found` on the socket: the game both players go to.
struct MatchFoundDTO: Codable, Sendable, Equatable {
    let game: UUID
    let opponent: String
    let opponentRating: Int
}

extension Application {
    private struct MatchmakerKey: StorageKey { typealias Value = any Matchmaker }

    var matchmaker: any Matchmaker {
        get {
            guard let matchmaker = storage[MatchmakerKey.self] else { fatalError("configure(_:) sets the matchmaker") }
            return matchmaker
        }
        set { storage[MatchmakerKey.self] = newValue }
    }

    func quickMatch(on db: any Database) -> QuickMatchService {
        QuickMatchService(
            db: db, users: connectedUsers, games: games, matchmaker: matchmaker, ratings: ratings(on: db), clock: clock,
            eventLoop: eventLoopGroup.any(), logger: logger)
    }
}

extension Request {
    var quickMatch: QuickMatchService { application.quickMatch(on: db) }
}

import Fluent
import PongCore
import SQLKit
import Vapor

/// After a remote game (an invitation, a quick match; never a tournament's), either player may offer
/// the other a rematch: the same rules, rated or casual as before, sides swapped. The other accepts
/// or declines; an offer lapses after 30 s or when either player leaves the end screen. The match's
/// one `rematch_offers` row holds it, and every change is one conditional `UPDATE … WHERE status =
/// 'pending'`, so an offer is answered once and two crossing offers make one game.
struct RematchService {
    static let offerLifetime: TimeInterval = 30
    /// How long after a game its players may still ask for another (the end screen, not a day later).
    static let window: TimeInterval = 120
    static let expiryJob = "rematch.expire"

    let db: any Database
    let users: ConnectedUsers
    let games: GameHub
    let scheduler: Scheduler
    let clock: AppClock
    let eventLoop: any EventLoop

    /// Offers the other player a rematch; if they had just offered me one, that is a yes.
    func offer(after matchID: UUID, by me: User) async throws -> RematchDTO {
        let meID = try me.requireID()
        try await Playbans.refuseWhileBanned(meID, at: clock.now, on: db)
        let (match, other) = try await playedGame(matchID, by: meID)
        let now = clock.now
        if let existing = try await RematchOffer.find(matchID, on: db) {
            return try await answerExisting(existing, offeredBy: me, at: now)
        }
        guard let ended = match.endedAt, now.timeIntervalSince(ended) <= Self.window else { throw AppError.rematchClosed }
        if try await Block.existsBetween(meID, other, on: db) { throw AppError.rematchClosed }
        try await ensureFree(meID, other)
        let offer = RematchOffer(match: matchID, from: meID, to: other, status: .pending, at: now, lifetime: Self.offerLifetime)
        do {
            try await offer.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The other player offered at the same moment: the row is theirs, and this is a yes.
            guard let theirs = try await RematchOffer.find(matchID, on: db) else { throw AppError.rematchClosed }
            return try await answerExisting(theirs, offeredBy: me, at: now)
        }
        scheduler.wake(Self.expiryJob, at: offer.expiresAt)
        return try await announce(matchID)
    }

    /// The player offered a rematch says yes: the new game starts, and both browsers are told where.
    func accept(after matchID: UUID, by me: User) async throws -> RematchDTO {
        let meID = try me.requireID()
        try await Playbans.refuseWhileBanned(meID, at: clock.now, on: db)
        let (match, other) = try await playedGame(matchID, by: meID)
        let offer = try await offered(matchID, to: meID)
        guard offer.status == .pending, offer.expiresAt > clock.now else { throw AppError.rematchClosed }
        try await ensureFree(meID, other)
        guard try await transition(matchID, to: .accepted) else { throw AppError.rematchClosed }
        let setup = try await swappedSetup(of: match)
        do {
            _ = try await games.start(setup, on: eventLoop, db: db)
        } catch {
            // One of them started another game meanwhile: nothing was accepted.
            try await RematchOffer.query(on: db).filter(\.$id == matchID).set(\.$status, to: .lapsed).update()
            try await announce(matchID)
            if let busy = error as? PlayerInAnotherGame {
                throw busy.userID == meID ? AppError.youAreInAGame : AppError.busy(offer.from.username)
            }
            throw error
        }
        try await RematchOffer.query(on: db).filter(\.$id == matchID).set(\.$gameID, to: setup.id).update()
        return try await announce(matchID)
    }

    func decline(after matchID: UUID, by me: User) async throws -> RematchDTO {
        let meID = try me.requireID()
        _ = try await playedGame(matchID, by: meID)
        let offer = try await offered(matchID, to: meID)
        guard offer.status == .pending, offer.expiresAt > clock.now else { throw AppError.rematchClosed }
        guard try await transition(matchID, to: .declined) else { throw AppError.rematchClosed }
        return try await announce(matchID)
    }

    /// A player leaves the end screen: my offer is withdrawn, theirs lapses, and none can be made any
    /// more. Answers what became of it (nil when nothing was ever offered).
    @discardableResult
    func leave(after matchID: UUID, by me: User) async throws -> RematchDTO? {
        let meID = try me.requireID()
        let (_, other) = try await playedGame(matchID, by: meID)
        guard let offer = try await RematchOffer.find(matchID, on: db) else {
            let closed = RematchOffer(match: matchID, from: meID, to: other, status: .closed, at: clock.now, lifetime: 0)
            do { try await closed.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {
                // An offer arrived at the same moment: it lapses like any other.
                if try await transition(matchID, to: .lapsed) { return try await announce(matchID) }
            }
            return nil
        }
        let ending: RematchOffer.Status = offer.$from.id == meID ? .withdrawn : .lapsed
        if offer.status == .pending, try await transition(matchID, to: ending) { return try await announce(matchID) }
        return nil
    }

    /// Every pending offer past its 30 s lapses, and both players hear it.
    func expireLapsed(at now: Date) async throws {
        let ids = try await RematchOffer.query(on: db).filter(\.$status == .pending).filter(\.$expiresAt <= now).all(\.$id)
        for id in ids where try await transition(id, to: .lapsed, evenIfExpired: true) { try await announce(id) }
    }

    /// A player closed their last tab: no end screen of theirs is open any more.
    func lapseOffers(of userID: UUID) async throws {
        let ids = try await RematchOffer.query(on: db).filter(\.$status == .pending)
            .group(.or) { $0.filter(\.$from.$id == userID).filter(\.$to.$id == userID) }.all(\.$id)
        for id in ids where try await transition(id, to: .lapsed, evenIfExpired: true) { try await announce(id) }
    }

    // MARK: Helpers

    /// A finished remote game outside tournaments that `me` played, and their opponent; or why not.
    private func playedGame(_ matchID: UUID, by me: UUID) async throws -> (Match, UUID) {
        guard let match = try await Match.find(matchID, on: db) else { throw AppError.matchNotFound }
        let players = [match.$leftUser.id, match.$rightUser.id]
        // The host of a game on one keyboard is told why there's none; anyone else, that it isn't theirs.
        guard players.contains(me) || match.$host.id == me else { throw AppError.notInThisMatch }
        guard match.status != .live else { throw AppError.gameStillLive }
        guard match.mode == .remote,
            try await TournamentMatch.query(on: db).filter(\.$match.$id == matchID).count() == 0
        else { throw AppError.noRematch }
        // A player who deleted their account since can't be asked.
        guard let other = players.compactMap({ $0 }).first(where: { $0 != me }) else { throw AppError.rematchClosed }
        return (match, other)
    }

    /// An offer when the row exists: mine again is refused, theirs still open is accepted.
    private func answerExisting(_ offer: RematchOffer, offeredBy me: User, at now: Date) async throws -> RematchDTO {
        let mine = offer.$from.id == (try me.requireID())
        if mine, offer.status == .pending, offer.expiresAt > now { throw AppError.rematchAlreadyOffered }
        guard !mine, offer.status == .pending, offer.expiresAt > now else { throw AppError.rematchClosed }
        return try await accept(after: try offer.requireID(), by: me)
    }

    private func offered(_ matchID: UUID, to me: UUID) async throws -> RematchOffer {
        guard
            let offer = try await RematchOffer.query(on: db).filter(\.$id == matchID).with(\.$from).first(),
            offer.$to.id == me, offer.status != .closed
        else { throw AppError.noRematchOffer }
        return offer
    }

    private func ensureFree(_ me: UUID, _ other: UUID) async throws {
        if try await games.isInRemoteGame(me, on: db) { throw AppError.youAreInAGame }
        if try await games.isInRemoteGame(other, on: db) {
            throw AppError.busy(try await User.find(other, on: db)?.username ?? "Your opponent")
        }
    }

    /// Pending → `status` only if still pending (and, unless lapsing, not yet past its 30 s).
    private func transition(_ id: UUID, to status: RematchOffer.Status, evenIfExpired: Bool = false) async throws -> Bool {
        var update = try db.sql.update(RematchOffer.schema).set("status", to: status.rawValue)
            .where("match_id", .equal, id).where("status", .equal, RematchOffer.Status.pending.rawValue)
        if !evenIfExpired, status != .lapsed { update = update.where("expires_at", .greaterThan, clock.now) }
        return try await !update.returning("match_id").all().isEmpty
    }

    /// The same rules and rating stakes, each player on the other side, each in their own look.
    private func swappedSetup(of match: Match) async throws -> GameSetup {
        guard let leftID = match.$leftUser.id, let rightID = match.$rightUser.id,
            let left = try await User.find(leftID, on: db), let right = try await User.find(rightID, on: db)
        else { throw AppError.rematchClosed }
        var settings = try await GameSettingsRecord.settings(of: rightID, on: db)
        settings.pointsToWin = match.pointsToWin
        settings.ballSpeed = PongSettings.BallSpeed(rawValue: match.ballSpeed) ?? settings.ballSpeed
        settings.paddleSize = PongSettings.PaddleSize(rawValue: match.paddleSize) ?? settings.paddleSize
        let leftLook = try await GameSettingsRecord.settings(of: leftID, on: db).look
        return .remote(
            left: (rightID, right.username, settings.look), right: (leftID, left.username, leftLook),
            settings: settings, rated: match.rated, at: clock.now)
    }

    /// Tells both players where the rematch stands now.
    @discardableResult
    private func announce(_ matchID: UUID) async throws -> RematchDTO {
        guard let offer = try await RematchOffer.query(on: db).filter(\.$id == matchID).with(\.$from).with(\.$to).first()
        else { throw AppError.noRematchOffer }
        let dto = try RematchDTO(offer, from: offer.from.username, to: offer.to.username, now: clock.now)
        users.send(to: [offer.$from.id, offer.$to.id], .rematch(dto))
        return dto
    }
}

extension Application {
    func rematches(on db: any Database) -> RematchService {
        RematchService(db: db, users: connectedUsers, games: games, scheduler: scheduler, clock: clock, eventLoop: eventLoopGroup.any())
    }
}

extension Request {
    var rematches: RematchService { application.rematches(on: db) }
}

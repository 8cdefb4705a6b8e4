import Fluent
import Matchmaking
import PongCore
import SQLKit
import Vapor

/// Inviting a friend to a game: pending → accepted (the server starts the game and both browsers
/// go to it), declined, cancelled by the inviter, or expired (60 s, or the inviter went offline).
/// Every change is one conditional `UPDATE … WHERE status = 'pending'`, so an invitation is
/// answered once; the database keeps one pending invitation per pair, so two crossing
/// invitations become one game. Both players hear every change (`invitation` on the socket),
/// and the system line in their direct conversation follows it.
struct InvitationService {
    let db: any Database
    let users: ConnectedUsers
    let games: GameHub
    let chat: ChatService
    let notifications: NotificationsService
    let scheduler: Scheduler
    let matchmaker: any Matchmaker
    let clock: AppClock
    let eventLoop: any EventLoop
    let limiter: RateLimiter

    /// Each invitation is a notification, a line in a conversation and live events for two people:
    /// invite-and-cancel must not become a way to spam a friend.
    static let invitationsPerSender = RateLimiter.Rule(limit: 20, window: 600)
    static let invitationsPerPair = RateLimiter.Rule(limit: 5, window: 600)

    // MARK: Sending

    /// Invites `request.username`; when they had just invited me, that invitation is accepted instead.
    func invite(_ request: InviteRequest, by me: User) async throws -> InvitationDTO {
        let meID = try me.requireID()
        try await Playbans.refuseWhileBanned(meID, at: clock.now, on: db)
        let target = try await InvitableFriend.named(request.username, by: me, on: db)
        let targetID = try target.requireID()
        let rules = try await rules(from: request, of: meID)
        let now = clock.now
        // They invited me a moment ago: this is a yes.
        if let theirs = try await livePending(from: targetID, to: meID, at: now) {
            return try await accept(theirs.requireID(), by: me)
        }
        if try await games.isInRemoteGame(meID, on: db) { throw AppError.youAreInAGame }
        if try await matchmaker.waitingSince(meID) != nil { throw AppError.inQueue }
        if isBusy(targetID) { throw AppError.busy(target.username) }
        _ = try await limiter.reserve([
            ("invitations:sender:\(meID)", Self.invitationsPerSender),
            ("invitations:pair:\(meID):\(targetID)", Self.invitationsPerPair)
        ])
        let invitation = GameInvitation(from: meID, to: targetID, rules: rules, at: now)
        do {
            try await db.transaction { tx in
                // One outgoing invitation at a time, checked and stored as one step per inviter.
                try await RowLock.lock(User.schema, id: meID, touching: "username", in: tx)
                try await expireLapsed(pair: invitation.pairKey, at: now, on: tx)
                if let mine = try await GameInvitation.query(on: tx).filter(\.$inviter.$id == meID)
                    .filter(\.$status == .pending).filter(\.$expiresAt > now).first()
                {
                    throw mine.$invitee.id == targetID ? AppError.invitationAlreadySent : AppError.alreadyInviting
                }
                try await invitation.create(on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The unique pending-per-pair index: they invited me at the same moment.
            if let theirs = try await livePending(from: targetID, to: meID, at: now) {
                return try await accept(theirs.requireID(), by: me)
            }
            throw AppError.invitationAlreadySent
        }
        let dto = try InvitationDTO(invitation, from: me, to: target)
        try await postToConversation(dto, between: me, and: target)
        try await notifications.notify(targetID, .gameInvite, actor: me, data: ["invitation": dto.id.uuidString])
        users.send(to: [meID, targetID], .invitation(dto))
        scheduler.wake(Self.expiryJob, at: invitation.expiresAt)
        return dto
    }

    /// My pending invitations, both ways.
    func pending(for me: UUID) async throws -> InvitationsDTO {
        let rows = try await GameInvitation.query(on: db)
            .group(.or) { $0.filter(\.$inviter.$id == me).filter(\.$invitee.$id == me) }
            .filter(\.$status == .pending).filter(\.$expiresAt > clock.now)
            .with(\.$inviter).with(\.$invitee).sort(\.$createdAt, .descending).all()
        let describe = { (row: GameInvitation) in try InvitationDTO(row, from: row.inviter, to: row.invitee) }
        return InvitationsDTO(
            incoming: try rows.filter { $0.$invitee.id == me }.map(describe),
            outgoing: try rows.filter { $0.$inviter.id == me }.map(describe))
    }

    // MARK: Answers

    /// The invited player says yes: the game starts, and both browsers are told where it is.
    func accept(_ id: UUID, by me: User) async throws -> InvitationDTO {
        let meID = try me.requireID()
        try await Playbans.refuseWhileBanned(meID, at: clock.now, on: db)
        let invitation = try await addressed(id, to: meID)
        try ensureOpen(invitation)
        if try await games.isInRemoteGame(meID, on: db) { throw AppError.youAreInAGame }
        if isBusy(invitation.$inviter.id) { throw AppError.busy(invitation.inviter.username) }
        guard try await transition(id, to: .accepted) else { throw AppError.invitationClosed }
        // Playing a friend now: neither waits for a stranger any more.
        try await matchmaker.leave(meID)
        try await matchmaker.leave(invitation.$inviter.id)
        let setup = try await gameSetup(for: invitation)
        do {
            _ = try await games.start(setup, on: eventLoop, db: db)
        } catch {
            // The game could not start (one of them started another game meanwhile, or the inviter hit
            // the live-game limit): nothing was accepted.
            try await GameInvitation.query(on: db).filter(\.$id == id).set(\.$status, to: .cancelled).update()
            try await announce(id)
            if let busy = error as? PlayerInAnotherGame {
                throw busy.userID == meID ? AppError.youAreInAGame : AppError.busy(invitation.inviter.username)
            }
            throw error
        }
        try await GameInvitation.query(on: db).filter(\.$id == id).set(\.$gameID, to: setup.id).update()
        return try await announce(id)
    }

    func decline(_ id: UUID, by me: User) async throws -> InvitationDTO {
        let invitation = try await addressed(id, to: try me.requireID())
        try ensureOpen(invitation)
        guard try await transition(id, to: .declined) else { throw AppError.invitationClosed }
        return try await announce(id)
    }

    /// The inviter takes it back.
    func cancel(_ id: UUID, by me: User) async throws -> InvitationDTO {
        guard
            let invitation = try await GameInvitation.query(on: db).filter(\.$id == id)
                .filter(\.$inviter.$id == me.requireID()).with(\.$inviter).with(\.$invitee).first()
        else {
            throw AppError.invitationNotFound
        }
        try ensureOpen(invitation)
        guard try await transition(id, to: .cancelled) else { throw AppError.invitationClosed }
        return try await announce(id)
    }

    // MARK: Endings nobody chose

    /// The scheduler's job that expires what ran out of time (woken at each new invitation's deadline).
    static let expiryJob = "invitations.expire"

    /// Every pending invitation past its time expires, so both players and the conversation's line
    /// hear how it ended; after a restart the first run finds the ones that lapsed meanwhile.
    func expireLapsed(at now: Date) async throws {
        let lapsed = try await GameInvitation.query(on: db).filter(\.$status == .pending).filter(\.$expiresAt <= now).all(\.$id)
        for id in lapsed { try await expire(id) }
    }

    func expire(_ id: UUID) async throws {
        if try await transition(id, to: .expired) { try await announce(id) }
    }

    /// The inviter went offline: what they were waiting for ends with them.
    func expireOutgoing(of userID: UUID) async throws {
        let ids = try await GameInvitation.query(on: db).filter(\.$inviter.$id == userID).filter(\.$status == .pending).all(\.$id)
        for id in ids { try await expire(id) }
    }

    /// A player's remote game started: every other invitation they sent or received ends.
    func cancelPending(of userID: UUID) async throws {
        let ids = try await GameInvitation.query(on: db)
            .group(.or) { $0.filter(\.$inviter.$id == userID).filter(\.$invitee.$id == userID) }
            .filter(\.$status == .pending).all(\.$id)
        for id in ids where try await transition(id, to: .cancelled) { try await announce(id) }
    }

    /// A block ends pending invitations both ways.
    func cancelBetween(_ one: UUID, _ other: UUID) async throws {
        let ids = try await GameInvitation.query(on: db).filter(\.$pairKey == Conversation.directKey(one, other))
            .filter(\.$status == .pending).all(\.$id)
        for id in ids where try await transition(id, to: .cancelled) { try await announce(id) }
    }

    // MARK: Helpers

    /// The inviter's choices, or their stored settings where they said nothing.
    private func rules(from request: InviteRequest, of userID: UUID) async throws -> InvitationRules {
        let stored = try await GameSettingsRecord.settings(of: userID, on: db)
        let points = request.pointsToWin ?? stored.pointsToWin
        guard MatchRules(pointsToWin: points) != nil else {
            throw AppError.field(
                "pointsToWin",
                "Choose between \(MatchRules.pointsToWinRange.lowerBound) and \(MatchRules.pointsToWinRange.upperBound) points.")
        }
        try FairRatingRules.requireFitForRating(pointsToWin: points, rated: request.rated ?? false)
        return InvitationRules(
            pointsToWin: points, ballSpeed: request.ballSpeed ?? stored.ballSpeed,
            paddleSize: request.paddleSize ?? stored.paddleSize, rated: request.rated ?? false)
    }

    /// In a game: playing someone, or with a tab in any live game.
    private func isBusy(_ userID: UUID) -> Bool {
        games.remoteGame(of: userID) != nil || users.presence(of: userID) == .inGame
    }

    private func livePending(from inviter: UUID, to invitee: UUID, at now: Date) async throws -> GameInvitation? {
        try await GameInvitation.query(on: db).filter(\.$inviter.$id == inviter).filter(\.$invitee.$id == invitee)
            .filter(\.$status == .pending).filter(\.$expiresAt > now).first()
    }

    /// An invitation addressed to me, or 404 (someone else's answers like a missing one).
    private func addressed(_ id: UUID, to me: UUID) async throws -> GameInvitation {
        guard
            let invitation = try await GameInvitation.query(on: db).filter(\.$id == id).filter(\.$invitee.$id == me)
                .with(\.$inviter).with(\.$invitee).first()
        else {
            throw AppError.invitationNotFound
        }
        return invitation
    }

    /// Still pending and not past its time (a late one is expired on the spot).
    private func ensureOpen(_ invitation: GameInvitation) throws {
        guard invitation.status == .pending else { throw AppError.invitationClosed }
        if invitation.expiresAt <= clock.now {
            // Tell both now rather than at the job's next run.
            scheduler.wake(Self.expiryJob, at: clock.now)
            throw AppError.invitationClosed
        }
    }

    /// Pending → `status`, only if still pending (and, for an acceptance, not expired); false if another answer won.
    private func transition(_ id: UUID, to status: GameInvitation.Status) async throws -> Bool {
        let sql = try db.sql
        let now = clock.now
        var update = sql.update(GameInvitation.schema)
            .set("status", to: status.rawValue)
            .set("answered_at", to: now)
            .where("id", .equal, id)
            .where("status", .equal, GameInvitation.Status.pending.rawValue)
        if status == .accepted || status == .declined { update = update.where("expires_at", .greaterThan, now) }
        return try await !update.returning("id").all().isEmpty
    }

    private func expireLapsed(pair: String, at now: Date, on tx: any Database) async throws {
        try await GameInvitation.query(on: tx).filter(\.$pairKey == pair).filter(\.$status == .pending)
            .filter(\.$expiresAt <= now).set(\.$status, to: .expired).update()
    }

    private func gameSetup(for invitation: GameInvitation) async throws -> GameSetup {
        let inviter = invitation.inviter, invitee = invitation.invitee
        let inviterID = try inviter.requireID(), inviteeID = try invitee.requireID()
        var settings = try await GameSettingsRecord.settings(of: inviterID, on: db)
        settings.pointsToWin = invitation.pointsToWin
        settings.ballSpeed = PongSettings.BallSpeed(rawValue: invitation.ballSpeed) ?? settings.ballSpeed
        settings.paddleSize = PongSettings.PaddleSize(rawValue: invitation.paddleSize) ?? settings.paddleSize
        let inviteeLook = try await GameSettingsRecord.settings(of: inviteeID, on: db).look
        return .remote(
            left: (inviterID, inviter.username, settings.look), right: (inviteeID, invitee.username, inviteeLook),
            settings: settings, rated: invitation.rated, at: clock.now)
    }

    /// Tells both players (and the conversation's line) where the invitation stands now.
    @discardableResult
    private func announce(_ id: UUID) async throws -> InvitationDTO {
        guard
            let invitation = try await GameInvitation.query(on: db).filter(\.$id == id)
                .with(\.$inviter).with(\.$invitee).first()
        else { throw AppError.invitationNotFound }
        let dto = try InvitationDTO(invitation, from: invitation.inviter, to: invitation.invitee)
        try await updateConversationLine(dto, between: invitation.$inviter.id, and: invitation.$invitee.id)
        users.send(to: [invitation.$inviter.id, invitation.$invitee.id], .invitation(dto))
        return dto
    }

    // MARK: The line in the direct conversation

    private func lineData(_ dto: InvitationDTO) -> [String: String] {
        var data = [
            "event": "game_invitation", "invitation": dto.id.uuidString, "status": dto.status.rawValue,
            "from": dto.from.username, "to": dto.to.username, "pointsToWin": String(dto.rules.pointsToWin),
            "rated": dto.rules.rated ? "true" : "false"
        ]
        if let game = dto.gameID { data["game"] = game.uuidString }
        return data
    }

    private func postToConversation(_ dto: InvitationDTO, between inviter: User, and invitee: User) async throws {
        let conversation = try await chat.conversations.openDirect(with: invitee, by: inviter)
        guard let room = try await Conversation.find(conversation.id, on: db) else { return }
        let kind = dto.rules.rated ? "a rated game" : "a game"
        let body = "\(dto.from.username) invited \(dto.to.username) to \(kind), first to \(dto.rules.pointsToWin)"
        _ = try await chat.post(
            ChatMessage(
                conversationID: conversation.id, senderID: nil, kind: .system, body: body,
                data: lineData(dto), at: clock.now),
            in: room, sender: nil, readBy: try inviter.requireID())
    }

    private func updateConversationLine(_ dto: InvitationDTO, between inviter: UUID, and invitee: UUID) async throws {
        guard
            let conversation = try await Conversation.query(on: db).filter(\.$directKey == Conversation.directKey(inviter, invitee))
                .first(),
            let line = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversation.requireID())
                .filter(\.$kind == .system).filter(\.$data, .contains(inverse: false, .anywhere), dto.id.uuidString)
                .sort(\.$id, .descending).first()
        else { return }
        line.data = StringMapColumn.encode(lineData(dto))
        try await line.update(on: db)
    }
}

extension Application {
    func invitations(on db: any Database) -> InvitationService {
        InvitationService(
            db: db, users: connectedUsers, games: games, chat: chat(on: db), notifications: notifications(on: db),
            scheduler: scheduler, matchmaker: matchmaker, clock: clock, eventLoop: eventLoopGroup.any(),
            limiter: rateLimiter)
    }
}

extension Request {
    var invitations: InvitationService { application.invitations(on: db) }
}

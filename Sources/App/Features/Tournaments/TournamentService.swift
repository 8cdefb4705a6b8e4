import Fluent
import Foundation
import PongCore
import SQLKit
import Vapor

/// Creating a tournament and filling its lobby: invitations, answers, leaving, the start
/// (exactly once, however many press it) and cancelling. What happens once it runs is
/// `TournamentDirector`'s.
struct TournamentService {
    let db: any Database
    let users: ConnectedUsers
    let chat: ChatService
    let notifications: NotificationsService
    let director: TournamentDirector
    let clock: AppClock
    let limiter: RateLimiter

    /// A lobby is a room's worth of invitations, notifications and live events: a player keeps a
    /// few open at once and creates a bounded number a day (local ones count too: each is a
    /// bracket of games the server keeps).
    static let openLobbiesPerCreator = 3
    static let tournamentsPerDay = RateLimiter.Rule(limit: 20, window: 86_400)
    /// Invite-and-remove, however often, reaches one friend at most three times an hour.
    static let invitationsPerFriend = RateLimiter.Rule(limit: 3, window: 3_600)
    static let invitationsPerCreator = RateLimiter.Rule(limit: 60, window: 3_600)

    // MARK: Creating

    func create(_ request: CreateTournamentRequest, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let kind = request.kind ?? .online
        let name = try TournamentRules.name(request.name)
        let stored = try await GameSettingsRecord.settings(of: meID, on: db)
        let points = request.pointsToWin ?? stored.pointsToWin
        guard MatchRules(pointsToWin: points) != nil else {
            throw AppError.field(
                "pointsToWin",
                "Choose between \(MatchRules.pointsToWinRange.lowerBound) and \(MatchRules.pointsToWinRange.upperBound) points.")
        }
        let tournament = Tournament()
        tournament.name = name
        tournament.kind = kind
        tournament.$creator.id = meID
        tournament.creatorName = me.username
        tournament.pointsToWin = points
        tournament.ballSpeed = (request.ballSpeed ?? stored.ballSpeed).rawValue
        tournament.paddleSize = (request.paddleSize ?? stored.paddleSize).rawValue
        tournament.seeding = request.seeding ?? .rating
        tournament.createdAt = clock.now
        switch kind {
        case .online:
            let capacity = request.capacity ?? 8
            guard TournamentRules.onlinePlayers.contains(capacity) else {
                throw AppError.field(
                    "capacity",
                    "Choose between \(TournamentRules.onlinePlayers.lowerBound) and \(TournamentRules.onlinePlayers.upperBound) players.")
            }
            tournament.capacity = capacity
            try FairRatingRules.requireFitForRating(pointsToWin: points, rated: request.rated ?? false)
            tournament.rated = request.rated ?? false
            tournament.status = .lobby
            tournament.rounds = Bracket.rounds(for: capacity)
            let counted = try await limiter.reserve([("tournaments:creator:\(meID)", Self.tournamentsPerDay)])
            do {
                try await db.transaction { tx in
                    // Counted and created as one step per creator: racing creations can't pass the bound together.
                    try await RowLock.lock(User.schema, id: meID, touching: "username", in: tx)
                    let open = try await Tournament.query(on: tx).filter(\.$creator.$id == meID).filter(\.$status == .lobby).count()
                    guard open < Self.openLobbiesPerCreator else { throw AppError.tooManyOpenLobbies(Self.openLobbiesPerCreator) }
                    try await tournament.create(on: tx)
                    try await TournamentParticipant(
                        tournamentID: tournament.requireID(), userID: meID, name: me.username,
                        status: .joined, at: clock.now
                    ).create(on: tx)
                }
            } catch {
                try? await limiter.release(counted) // nothing was created: it doesn't count against the day
                throw error
            }
            return try await director.describe(tournament.requireID(), for: meID)
        case .local:
            let aliases = try TournamentRules.aliases(request.aliases)
            tournament.capacity = aliases.count
            // One keyboard, nobody's rating at stake.
            tournament.rated = false
            tournament.seeding = .random
            tournament.status = .running
            tournament.startedAt = clock.now
            tournament.rounds = Bracket.rounds(for: aliases.count)
            _ = try await limiter.reserve([("tournaments:creator:\(meID)", Self.tournamentsPerDay)])
            try await db.transaction { tx in
                try await tournament.create(on: tx)
                let id = try tournament.requireID()
                for alias in aliases.shuffled() {
                    // The host's own name is the host: that game is theirs, not a guest's.
                    let isHost = alias.lowercased() == me.usernameKey
                    try await TournamentParticipant(
                        tournamentID: id, userID: isHost ? meID : nil, name: isHost ? me.username : alias,
                        status: .joined, at: clock.now
                    ).create(on: tx)
                }
                try await director.drawBracket(of: tournament, on: tx)
            }
            try await director.callReadyMatches(of: tournament.requireID())
            return try await director.describe(tournament.requireID(), for: meID)
        }
    }

    // MARK: The lobby

    /// The creator invites a friend: a bell notification and a line with Join / Decline in their conversation.
    func invite(_ rawUsername: String, to id: UUID, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await director.load(id)
        try requireCreator(tournament, meID)
        try requireLobby(tournament)
        let friend = try await InvitableFriend.named(rawUsername, by: me, on: db)
        let friendID = try friend.requireID()
        _ = try await limiter.reserve([
            ("tournament-invitations:creator:\(meID)", Self.invitationsPerCreator),
            ("tournament-invitations:\(id):\(friendID)", Self.invitationsPerFriend)
        ])
        if let seat = try await seat(of: friendID, in: id) {
            guard [.declined, .left, .removed].contains(seat.status) else { throw AppError.alreadyInvitedToTournament(friend.username) }
            seat.status = .invited
            seat.invitedAt = clock.now
            seat.answeredAt = nil
            try await seat.update(on: db)
        } else {
            do {
                try await TournamentParticipant(tournamentID: id, userID: friendID, name: friend.username, status: .invited, at: clock.now)
                    .create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw AppError.alreadyInvitedToTournament(friend.username)
            }
        }
        try await postInvitation(tournament, from: me, to: friend)
        try await notifications.notify(
            friendID, .tournamentInvite, actor: me,
            data: ["tournament": id.uuidString, "name": tournament.name])
        await director.broadcast(id, "invited")
        return try await director.describe(id, for: meID)
    }

    /// The creator takes an invitation back before the start.
    func uninvite(_ rawUsername: String, from id: UUID, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await director.load(id)
        try requireCreator(tournament, meID)
        try requireLobby(tournament)
        let user = try await User.named(rawUsername, on: db)
        guard let seat = try await seat(of: user.requireID(), in: id), seat.$user.id != meID,
            [.invited, .joined].contains(seat.status)
        else { throw AppError.userNotFound }
        try await setStatus(of: seat, to: .removed, in: id)
        await director.broadcast(id, "removed", alsoTo: [try user.requireID()])
        return try await director.describe(id, for: meID)
    }

    /// An invited player joins: while the lobby is open and has room, checked and stored as one step.
    func join(_ id: UUID, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await director.load(id)
        try requireLobby(tournament)
        try await db.transaction { tx in
            // The tournament's row lock orders joins and the start: the count and the seat are one step.
            try await RowLock.lock(Tournament.schema, id: id, touching: "name", in: tx)
            guard let current = try await Tournament.find(id, on: tx) else { throw AppError.tournamentNotFound }
            try requireLobby(current)
            guard
                let seat = try await TournamentParticipant.query(on: tx).filter(\.$tournament.$id == id)
                    .filter(\.$user.$id == meID).first()
            else { throw AppError.notInvitedToTournament }
            switch seat.status {
            case .joined: throw AppError.alreadyInTournament
            case .invited: break
            default: throw AppError.notInvitedToTournament
            }
            let joined = try await TournamentParticipant.query(on: tx).filter(\.$tournament.$id == id).filter(\.$status == .joined).count()
            guard joined < current.capacity else { throw AppError.tournamentFull }
            seat.status = .joined
            seat.answeredAt = clock.now
            try await seat.update(on: tx)
        }
        try await notifications.markRead(of: meID, kind: .tournamentInvite, from: tournament.$creator.id ?? meID)
        await director.updateInvitationLines(of: id)
        await director.broadcast(id, "joined")
        return try await director.describe(id, for: meID)
    }

    func decline(_ id: UUID, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await director.load(id)
        try requireLobby(tournament)
        guard let seat = try await seat(of: meID, in: id), seat.status == .invited else { throw AppError.notInvitedToTournament }
        try await setStatus(of: seat, to: .declined, in: id)
        try await notifications.markRead(of: meID, kind: .tournamentInvite, from: tournament.$creator.id ?? meID)
        await director.broadcast(id, "declined")
        return try await director.describe(id, for: meID)
    }

    /// A joined player leaves before the start (the creator cancels instead).
    func leave(_ id: UUID, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await director.load(id)
        try requireLobby(tournament)
        if tournament.$creator.id == meID { throw AppError.creatorCannotLeave }
        guard let seat = try await seat(of: meID, in: id), seat.status == .joined else { throw AppError.notInvitedToTournament }
        try await setStatus(of: seat, to: .left, in: id)
        await director.broadcast(id, "left", alsoTo: [meID])
        return try await director.describe(id, for: meID)
    }

    /// The creator starts it with at least three joined: exactly once, whatever the races.
    func start(_ id: UUID, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await director.load(id)
        try requireCreator(tournament, meID)
        try requireLobby(tournament)
        try await db.transaction { tx in
            try await RowLock.lock(Tournament.schema, id: id, touching: "name", in: tx)
            guard let current = try await Tournament.find(id, on: tx) else { throw AppError.tournamentNotFound }
            try requireLobby(current)
            let joined = try await TournamentParticipant.query(on: tx).filter(\.$tournament.$id == id).filter(\.$status == .joined).count()
            guard joined >= TournamentRules.minimumPlayers else { throw AppError.notEnoughPlayers(joined) }
            current.status = .running
            current.startedAt = clock.now
            current.rounds = Bracket.rounds(for: joined)
            try await current.update(on: tx)
            try await director.drawBracket(of: current, on: tx)
        }
        try await director.openRoom(for: id)
        await director.updateInvitationLines(of: id)
        await director.broadcast(id, "started")
        try await director.callReadyMatches(of: id)
        return try await director.describe(id, for: meID)
    }

    /// The creator calls it off before the start; a finished one stays as it was.
    func cancel(_ id: UUID, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await director.load(id)
        try requireCreator(tournament, meID)
        try requireLobby(tournament)
        let sql = try db.sql
        let changed = try await sql.update(Tournament.schema).set("status", to: Tournament.Status.cancelled.rawValue)
            .set("ended_at", to: clock.now).where("id", .equal, id).where("status", .equal, Tournament.Status.lobby.rawValue)
            .returning("id").all()
        if changed.isEmpty {
            try requireLobby(try await director.load(id))
            throw AppError.tournamentStarted
        }
        await director.updateInvitationLines(of: id)
        await director.broadcast(id, "cancelled")
        return try await director.describe(id, for: meID)
    }

    // MARK: Helpers

    private func requireCreator(_ tournament: Tournament, _ me: UUID) throws {
        guard tournament.$creator.id == me else { throw AppError.notTheCreator }
    }

    private func requireLobby(_ tournament: Tournament) throws {
        switch tournament.status {
        case .lobby: return
        case .running: throw AppError.tournamentStarted
        case .finished: throw AppError.tournamentFinished
        case .cancelled: throw AppError.tournamentCancelled
        }
    }

    private func seat(of userID: UUID, in id: UUID) async throws -> TournamentParticipant? {
        try await TournamentParticipant.query(on: db).filter(\.$tournament.$id == id).filter(\.$user.$id == userID).first()
    }

    /// A seat's answer, under the tournament's row lock so it can't cross the start.
    private func setStatus(of seat: TournamentParticipant, to status: TournamentParticipant.Status, in id: UUID) async throws {
        try await db.transaction { tx in
            try await RowLock.lock(Tournament.schema, id: id, touching: "name", in: tx)
            guard let current = try await Tournament.find(id, on: tx) else { throw AppError.tournamentNotFound }
            try requireLobby(current)
            seat.status = status
            seat.answeredAt = clock.now
            try await seat.update(on: tx)
        }
        await director.updateInvitationLines(of: id)
    }

    /// The system line in our direct conversation, with Join and Decline while the lobby is open.
    private func postInvitation(_ tournament: Tournament, from me: User, to friend: User) async throws {
        let conversation = try await chat.conversations.openDirect(with: friend, by: me)
        guard let room = try await Conversation.find(conversation.id, on: db) else { return }
        let id = try tournament.requireID()
        _ = try await chat.post(
            ChatMessage(
                conversationID: conversation.id, senderID: nil, kind: .system,
                body: "\(me.username) invited \(friend.username) to the tournament \(tournament.name)",
                data: [
                    "event": "tournament_invitation", "tournament": id.uuidString, "name": tournament.name,
                    "from": me.username, "to": friend.username, "status": "invited"
                ],
                at: clock.now),
            in: room, sender: nil, readBy: try me.requireID())
    }
}

extension Application {
    func tournaments(on db: any Database) -> TournamentService {
        TournamentService(
            db: db, users: connectedUsers, chat: chat(on: db), notifications: notifications(on: db),
            director: tournamentDirector(on: db), clock: clock, limiter: rateLimiter)
    }
}

extension Request {
    var tournaments: TournamentService { application.tournaments(on: db) }
}

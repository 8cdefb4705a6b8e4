import Fluent
import Foundation
import PongCore
import SQLKit
import Vapor

/// Runs tournaments once they start: draws the bracket, calls each match as soon as both its
/// players are known (60 s ready check online), starts the game when both are ready, and moves
/// winners on when results are stored — every step a conditional update, so it happens once.
struct TournamentDirector {
    let db: any Database
    let users: ConnectedUsers
    let games: GameHub
    let chat: ChatService
    let notifications: NotificationsService
    let scheduler: any TournamentScheduler
    let clock: AppClock
    let eventLoop: any EventLoop
    let logger: Logger
    /// How long a called player has to say ready (60 s; shorter in tests).
    let readyCheck: TimeInterval

    func load(_ id: UUID) async throws -> Tournament {
        guard let tournament = try await Tournament.find(id, on: db) else { throw AppError.tournamentNotFound }
        return tournament
    }

    // MARK: The draw

    /// Seeds the joined players (by rating, or at random), then stores every match of the bracket:
    /// round 1's real pairs, and the later rounds with the byes already in place.
    func drawBracket(of tournament: Tournament, on tx: any Database) async throws {
        let id = try tournament.requireID()
        var seats = try await TournamentParticipant.query(on: tx).filter(\.$tournament.$id == id)
            .filter(\.$status == .joined).sort(\.$answeredAt).all()
        switch tournament.seeding {
        case .random:
            seats.shuffle()
        case .rating:
            let ids = seats.compactMap { $0.$user.id }
            let ratings = try await PlayerRating.query(on: tx).filter(\.$user.$id ~~ ids).all()
            let byUser = Dictionary(ratings.map { ($0.$user.id, $0.rating) }, uniquingKeysWith: { first, _ in first })
            // A stable sort: equal ratings keep the order in which they joined.
            seats = seats.enumerated().sorted { one, other in
                let a = one.element.$user.id.flatMap { byUser[$0] } ?? Glicko2.Rating.newPlayer.rating
                let b = other.element.$user.id.flatMap { byUser[$0] } ?? Glicko2.Rating.newPlayer.rating
                return a != b ? a > b : one.offset < other.offset
            }.map(\.element)
        }
        for (index, seat) in seats.enumerated() {
            seat.seed = index + 1
            try await seat.update(on: tx)
        }
        let bySeed = Dictionary(uniqueKeysWithValues: try seats.map { ($0.seed ?? 0, try $0.requireID()) })
        let (pairs, byes) = Bracket.draw(players: seats.count)
        let rounds = Bracket.rounds(for: seats.count)
        let size = Bracket.size(for: seats.count)
        var number = 0
        var matches: [TournamentMatch] = []
        for pair in pairs {
            number += 1
            let match = TournamentMatch(tournamentID: id, round: 1, position: pair.position, number: number)
            match.leftID = bySeed[pair.leftSeed]
            match.rightID = bySeed[pair.rightSeed]
            matches.append(match)
        }
        if rounds >= 2 {
            for round in 2...rounds {
                for position in 0..<(size >> round) {
                    number += 1
                    let match = TournamentMatch(tournamentID: id, round: round, position: position, number: number)
                    if round == 2 {
                        for bye in byes where bye.position == position {
                            if bye.side == .left { match.leftID = bySeed[bye.seed] } else { match.rightID = bySeed[bye.seed] }
                        }
                    }
                    matches.append(match)
                }
            }
        }
        try await matches.create(on: tx)
        try await tx.statsLedger.tournamentStarted(players: tournament.kind == .online ? seats.compactMap { $0.$user.id } : [])
    }

    /// The tournament's chat room, with everyone who plays. It belongs to no one, so it counts
    /// against nobody's room limits.
    func openRoom(for id: UUID) async throws {
        let tournament = try await load(id)
        guard tournament.kind == .online else { return }
        let players = try await TournamentParticipant.query(on: db).filter(\.$tournament.$id == id)
            .filter(\.$status == .joined).all().compactMap { $0.$user.id }
        let room = Conversation()
        room.kind = .room
        room.name = tournament.name
        room.createdAt = clock.now
        try await db.transaction { tx in
            try await room.create(on: tx)
            for userID in players {
                try await ConversationMember(conversationID: try room.requireID(), userID: userID, at: clock.now).create(on: tx)
            }
            tournament.$conversation.id = try room.requireID()
            try await tournament.update(on: tx)
        }
        try await say("The tournament \(tournament.name) has started with \(players.count) players. Good luck!",
                      in: tournament, event: "tournament_started")
        users.send(to: players, .conversation(ConversationEvent(event: .added, conversation: try room.requireID())))
    }

    // MARK: Calls

    /// Calls every match whose two players are known (after the draw, or after a restart).
    func callReadyMatches(of id: UUID) async throws {
        let waiting = try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id).filter(\.$status == .waiting)
            .filter(\.$leftID != nil).filter(\.$rightID != nil).sort(\.$matchNumber).all()
        for match in waiting { try await call(match.requireID()) }
    }

    /// Both players known: online, each gets a call with 60 s to say ready; local, it is next up.
    /// A player who withdrew loses it on the spot.
    func call(_ matchID: UUID) async throws {
        let now = clock.now
        let deadline = now.addingTimeInterval(readyCheck)
        let called = try await db.sql.update(TournamentMatch.schema)
            .set("status", to: TournamentMatch.Status.called.rawValue)
            .set("called_at", to: now).set("ready_deadline", to: deadline)
            .set("left_ready", to: false).set("right_ready", to: false)
            .where("id", .equal, matchID).where("status", .equal, TournamentMatch.Status.waiting.rawValue)
            .where("left_participant_id", .isNot, SQLLiteral.null).where("right_participant_id", .isNot, SQLLiteral.null)
            .returning("id").all()
        guard !called.isEmpty, let match = try await TournamentMatch.find(matchID, on: db) else { return }
        let tournament = try await load(match.$tournament.id)
        let (left, right) = try await players(of: match)
        if left.withdrawn || right.withdrawn {
            let winner: BracketSide = left.withdrawn && !right.withdrawn ? .right
                : right.withdrawn && !left.withdrawn ? .left : betterSeed(left, right)
            try await decide(matchID, winner: winner, reason: "forfeit")
            return
        }
        if tournament.kind == .online {
            try await sendCall(match, in: tournament, status: "called")
            for (me, other) in [(left, right), (right, left)] {
                guard let userID = me.$user.id else { continue }
                try await notifications.notify(userID, .tournamentCall, actor: nil, data: [
                    "tournament": try tournament.requireID().uuidString, "name": tournament.name, "match": String(match.matchNumber),
                    "round": Bracket.roundName(match.round, of: tournament.rounds), "opponent": other.name])
            }
            scheduler.scheduleReadyDeadline(match: matchID, at: deadline)
        }
        await broadcast(try tournament.requireID(), "match")
    }

    /// Tells both players of a match how it stands: called (with the deadline), started (with the game), decided.
    func sendCall(_ match: TournamentMatch, in tournament: Tournament, status: String) async throws {
        let (left, right) = try await players(of: match)
        for (me, other) in [(left, right), (right, left)] {
            guard let userID = me.$user.id else { continue }
            users.send(to: [userID], .tournamentCall(TournamentCallDTO(
                tournament: try tournament.requireID(), tournamentName: tournament.name, match: match.matchNumber,
                roundName: Bracket.roundName(match.round, of: tournament.rounds), opponent: displayName(other, in: tournament),
                status: status, readyDeadline: match.readyDeadline, calledAt: match.calledAt, game: match.gameID)))
        }
    }

    /// A called player says they are ready; when both are, the game starts and both browsers go to it.
    func ready(_ id: UUID, match number: Int, by me: User) async throws -> TournamentDTO {
        let meID = try me.requireID()
        let tournament = try await load(id)
        guard tournament.kind == .online else { throw AppError.notALocalTournament }
        try requireRunning(tournament)
        let match = try await match(number, of: id)
        guard let seat = try await TournamentParticipant.query(on: db).filter(\.$tournament.$id == id).filter(\.$user.$id == meID).first(),
              let seatID = seat.id, match.leftID == seatID || match.rightID == seatID else { throw AppError.notInThisMatch }
        guard match.status == .called else { throw AppError.matchNotCalled }
        if games.remoteGame(of: meID) != nil { throw AppError.youAreInAGame }
        let column = match.leftID == seatID ? "left_ready" : "right_ready"
        let matchID = try match.requireID()
        let marked = try await db.sql.update(TournamentMatch.schema).set(SQLIdentifier(column), to: true)
            .where("id", .equal, matchID).where("status", .equal, TournamentMatch.Status.called.rawValue)
            .returning("id").all()
        guard !marked.isEmpty else { throw AppError.matchNotCalled }
        let starting = try await db.sql.update(TournamentMatch.schema)
            .set("status", to: TournamentMatch.Status.playing.rawValue).set("started_at", to: clock.now)
            .where("id", .equal, matchID).where("status", .equal, TournamentMatch.Status.called.rawValue)
            .where("left_ready", .equal, true).where("right_ready", .equal, true)
            .returning("id").all()
        if !starting.isEmpty { try await startGame(matchID, of: tournament) }
        await broadcast(id, "match")
        return try await describe(id, for: meID)
    }

    /// The host of a local tournament plays its next match on this keyboard.
    func playLocal(_ id: UUID, match number: Int, by me: User) async throws -> LocalMatchStartDTO {
        let meID = try me.requireID()
        let tournament = try await load(id)
        guard tournament.kind == .local else { throw AppError.notALocalTournament }
        guard tournament.$creator.id == meID else { throw AppError.notTheCreator }
        try requireRunning(tournament)
        let match = try await match(number, of: id)
        guard match.status == .called else { throw AppError.matchNotCalled }
        let (left, right) = try await players(of: match)
        var settings = try await GameSettingsRecord.settings(of: meID, on: db)
        settings.pointsToWin = tournament.pointsToWin
        settings.ballSpeed = PongSettings.BallSpeed(rawValue: tournament.ballSpeed) ?? settings.ballSpeed
        settings.paddleSize = PongSettings.PaddleSize(rawValue: tournament.paddleSize) ?? settings.paddleSize
        let side = { (seat: TournamentParticipant) in
            seat.$user.id.map { GamePlayer.user($0, username: seat.name) } ?? .guest(seat.name)
        }
        var setup = GameSetup(id: UUID(), hostID: meID, mode: .local, left: side(left), right: side(right),
                              settings: settings, seed: UInt64.random(in: .min ... .max), startedAt: clock.now)
        setup.tournament = TournamentLink(id: id, name: tournament.name, match: number,
                                          roundName: Bracket.roundName(match.round, of: tournament.rounds))
        let matchID = try match.requireID()
        let claimed = try await db.sql.update(TournamentMatch.schema)
            .set("status", to: TournamentMatch.Status.playing.rawValue).set("started_at", to: clock.now).set("game_id", to: setup.id)
            .where("id", .equal, matchID).where("status", .equal, TournamentMatch.Status.called.rawValue)
            .returning("id").all()
        guard !claimed.isEmpty else { throw AppError.matchNotCalled }
        do {
            _ = try await games.start(setup, on: eventLoop, db: db)
        } catch {
            try await reopen(matchID)
            throw error
        }
        await broadcast(id, "match")
        return LocalMatchStartDTO(game: setup.id)
    }

    func startGame(_ matchID: UUID, of tournament: Tournament) async throws {
        guard let match = try await TournamentMatch.find(matchID, on: db) else { return }
        let (left, right) = try await players(of: match)
        guard let leftUser = try await left.$user.get(on: db), let rightUser = try await right.$user.get(on: db) else {
            // An account went away between the ready and the start: the one still here goes through.
            try await decide(matchID, winner: left.$user.id == nil ? .right : .left, reason: "forfeit")
            return
        }
        let leftID = try leftUser.requireID(), rightID = try rightUser.requireID()
        var settings = try await GameSettingsRecord.settings(of: leftID, on: db)
        settings.pointsToWin = tournament.pointsToWin
        settings.ballSpeed = PongSettings.BallSpeed(rawValue: tournament.ballSpeed) ?? settings.ballSpeed
        settings.paddleSize = PongSettings.PaddleSize(rawValue: tournament.paddleSize) ?? settings.paddleSize
        let rightLook = try await GameSettingsRecord.settings(of: rightID, on: db).look
        var setup = GameSetup.remote(left: (leftID, leftUser.username, settings.look), right: (rightID, rightUser.username, rightLook),
                                     settings: settings, rated: tournament.rated, at: clock.now)
        setup.tournament = TournamentLink(id: try tournament.requireID(), name: tournament.name, match: match.matchNumber,
                                          roundName: Bracket.roundName(match.round, of: tournament.rounds))
        // The link first: the game can't end before the match knows it.
        match.gameID = setup.id
        try await match.update(on: db)
        do {
            _ = try await games.start(setup, on: eventLoop, db: db)
        } catch is PlayerInAnotherGame {
            // One of them is playing another game (a second tournament's, a friend's): the match is
            // called again and waits for them; its ready check waits while they play.
            try await reopen(matchID)
            return
        } catch {
            try await reopen(matchID)
            throw error
        }
        match.gameID = setup.id
        try await sendCall(match, in: tournament, status: "started")
    }

    /// A game that could not start, or was abandoned: the match waits for its players again.
    func reopen(_ matchID: UUID) async throws {
        let now = clock.now
        let deadline = now.addingTimeInterval(readyCheck)
        let reopened = try await db.sql.update(TournamentMatch.schema)
            .set("status", to: TournamentMatch.Status.called.rawValue).set("game_id", to: SQLLiteral.null)
            .set("left_ready", to: false).set("right_ready", to: false)
            .set("called_at", to: now).set("ready_deadline", to: deadline)
            .where("id", .equal, matchID).where("status", .equal, TournamentMatch.Status.playing.rawValue)
            .returning("id").all()
        guard !reopened.isEmpty, let match = try await TournamentMatch.find(matchID, on: db) else { return }
        let tournament = try await load(match.$tournament.id)
        if tournament.kind == .online {
            try await sendCall(match, in: tournament, status: "called")
            scheduler.scheduleReadyDeadline(match: matchID, at: deadline)
        }
        await broadcast(try tournament.requireID(), "match")
    }

    /// The ready check ran out: whoever said ready goes through; if neither did, the better seed does.
    func readyCheckExpired(_ matchID: UUID) async throws {
        guard let match = try await TournamentMatch.find(matchID, on: db), match.status == .called,
              let deadline = match.readyDeadline else { return }
        if deadline > clock.now {
            scheduler.scheduleReadyDeadline(match: matchID, at: deadline)
            return
        }
        let (left, right) = try await players(of: match)
        // A player who isn't ready because they are playing another game right now is not a no-show:
        // the ready check starts again once more, and so on until their game is over.
        for seat in [left, right] where !(seat.id == match.leftID ? match.leftReady : match.rightReady) {
            if let userID = seat.$user.id, try await PlayerClaims.isPlaying(userID, on: db) {
                let later = clock.now.addingTimeInterval(readyCheck)
                try await TournamentMatch.query(on: db).filter(\.$id == matchID).filter(\.$status == .called)
                    .set(\.$readyDeadline, to: later).update()
                scheduler.scheduleReadyDeadline(match: matchID, at: later)
                return
            }
        }
        let winner: BracketSide = match.leftReady && !match.rightReady ? .left
            : match.rightReady && !match.leftReady ? .right : betterSeed(left, right)
        guard try await decide(matchID, winner: winner, reason: Match.EndReason.noShow.rawValue) else { return }
        // The loser never said ready, so wasn't there to see it: they hear it in the bell.
        let (loser, winnerSeat) = winner == .left ? (right, left) : (left, right)
        if let loserID = loser.$user.id {
            let tournament = try await load(match.$tournament.id)
            try await notifications.notify(loserID, .tournamentEliminated, actor: nil, data: [
                "tournament": try tournament.requireID().uuidString, "name": tournament.name,
                "round": Bracket.roundName(match.round, of: tournament.rounds),
                "opponent": displayName(winnerSeat, in: tournament), "reason": Match.EndReason.noShow.rawValue])
        }
    }

    // MARK: Accounts going away, restarts

    /// Before an account is deleted: its lobbies close, its seats in lobbies go, and in running
    /// tournaments it forfeits every match left to it (it keeps its place as "deleted player").
    func withdraw(_ userID: UUID) async throws {
        let created = try await Tournament.query(on: db).filter(\.$creator.$id == userID).filter(\.$status == .lobby).all(\.$id)
        for id in created {
            try await Tournament.query(on: db).filter(\.$id == id).filter(\.$status == .lobby)
                .set(\.$status, to: .cancelled).set(\.$endedAt, to: clock.now).update()
            await broadcast(id, "cancelled")
        }
        let seats = try await TournamentParticipant.query(on: db).filter(\.$user.$id == userID).with(\.$tournament).all()
        for seat in seats {
            let tournament = seat.tournament
            let id = try tournament.requireID()
            switch tournament.status {
            case .lobby:
                try await seat.delete(on: db)
                await broadcast(id, "left")
            case .running where seat.status == .joined && seat.placement == nil:
                seat.withdrawn = true
                try await seat.update(on: db)
                let seatID = try seat.requireID()
                let open = try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id).filter(\.$status == .called)
                    .group(.or) { $0.filter(\.$leftID == seatID).filter(\.$rightID == seatID) }.all()
                for match in open {
                    try await decide(try match.requireID(), winner: match.leftID == seatID ? .right : .left, reason: "forfeit")
                }
            default:
                break
            }
        }
    }

    /// After a restart: matches whose game died with the server are called again, and every
    /// pending ready check gets its timer back.
    func resumeAfterRestart() async throws {
        let running = try await Tournament.query(on: db).filter(\.$status == .running).all()
        for tournament in running {
            let id = try tournament.requireID()
            for match in try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id).filter(\.$status == .playing).all() {
                try await reopen(match.requireID())
            }
            for match in try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id).filter(\.$status == .called).all()
            where tournament.kind == .online {
                scheduler.scheduleReadyDeadline(match: try match.requireID(), at: match.readyDeadline ?? clock.now)
            }
            try await callReadyMatches(of: id)
        }
    }

    // MARK: Helpers

    func match(_ number: Int, of id: UUID) async throws -> TournamentMatch {
        guard let match = try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id)
            .filter(\.$matchNumber == number).first() else { throw AppError.tournamentMatchNotFound }
        return match
    }

    func players(of match: TournamentMatch) async throws -> (TournamentParticipant, TournamentParticipant) {
        guard let leftID = match.leftID, let rightID = match.rightID,
              let left = try await TournamentParticipant.find(leftID, on: db),
              let right = try await TournamentParticipant.find(rightID, on: db) else {
            throw Abort(.internalServerError, reason: "tournament match \(match.matchNumber) has no two players")
        }
        return (left, right)
    }

    func betterSeed(_ left: TournamentParticipant, _ right: TournamentParticipant) -> BracketSide {
        (left.seed ?? .max) <= (right.seed ?? .max) ? .left : .right
    }

    func requireRunning(_ tournament: Tournament) throws {
        switch tournament.status {
        case .running: return
        case .finished: throw AppError.tournamentFinished
        case .cancelled: throw AppError.tournamentCancelled
        case .lobby: throw AppError.tournamentNotRunning
        }
    }

    func displayName(_ seat: TournamentParticipant, in tournament: Tournament) -> String {
        tournament.kind == .online && seat.$user.id == nil ? "deleted player" : seat.name
    }

    /// Everyone who sees this tournament live (participants, the invited, the creator) hears that it changed.
    func broadcast(_ id: UUID, _ change: String, alsoTo extra: [UUID] = []) async {
        do {
            let seats = try await TournamentParticipant.query(on: db).filter(\.$tournament.$id == id).all()
            let creator = try await Tournament.find(id, on: db)?.$creator.id
            let audience = Set(seats.filter { [.invited, .joined].contains($0.status) }.compactMap { $0.$user.id } + extra + [creator].compactMap { $0 })
            users.send(to: audience, .tournament(TournamentEventDTO(tournament: id, change: change)))
        } catch {
            logger.warning("Could not announce a change to tournament \(id): \(String(reflecting: error))")
        }
    }

    /// The Join / Decline lines in direct conversations follow the seat and the tournament.
    func updateInvitationLines(of id: UUID) async {
        do {
            let tournament = try await load(id)
            guard let creatorID = tournament.$creator.id else { return }
            let seats = try await TournamentParticipant.query(on: db).filter(\.$tournament.$id == id).filter(\.$user.$id != creatorID).all()
            for seat in seats {
                guard let userID = seat.$user.id,
                      let conversation = try await Conversation.query(on: db).filter(\.$directKey == Conversation.directKey(creatorID, userID)).first(),
                      let line = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversation.requireID())
                        .filter(\.$kind == .system).filter(\.$data, .contains(inverse: false, .anywhere), id.uuidString)
                        .sort(\.$id, .descending).first() else { continue }
                var data = StringMapColumn.decode(line.data) ?? [:]
                data["status"] = tournament.status == .lobby ? seat.status.rawValue : tournament.status.rawValue
                line.data = StringMapColumn.encode(data)
                try await line.update(on: db)
            }
        } catch {
            logger.warning("Could not update the invitation lines of tournament \(id): \(String(reflecting: error))")
        }
    }
}

import Fluent
import Foundation
import PongCore
import SQLKit
import Vapor

/// Calls: each match called as soon as both players are known, ready checks, games started and
/// reopened, and no-shows decided when the ready check runs out.
extension TournamentDirector {
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
            let winner: BracketSide =
                left.withdrawn && !right.withdrawn
                ? .right
                : right.withdrawn && !left.withdrawn ? .left : betterSeed(left, right)
            try await decide(matchID, winner: winner, reason: "forfeit")
            return
        }
        if tournament.kind == .online {
            try await sendCall(match, in: tournament, status: "called")
            for (me, other) in [(left, right), (right, left)] {
                guard let userID = me.$user.id else { continue }
                try await notifications.notify(
                    userID, .tournamentCall, actor: nil,
                    data: [
                        "tournament": try tournament.requireID().uuidString, "name": tournament.name, "match": String(match.matchNumber),
                        "round": Bracket.roundName(match.round, of: tournament.rounds), "opponent": other.name
                    ])
            }
            scheduler.wake(Self.readyCheckJob, at: deadline)
        }
        await broadcast(try tournament.requireID(), "match")
    }

    /// Tells both players of a match how it stands: called (with the deadline), started (with the game), decided.
    func sendCall(_ match: TournamentMatch, in tournament: Tournament, status: String) async throws {
        let (left, right) = try await players(of: match)
        for (me, other) in [(left, right), (right, left)] {
            guard let userID = me.$user.id else { continue }
            users.send(
                to: [userID],
                .tournamentCall(
                    TournamentCallDTO(
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
            let seatID = seat.id, match.leftID == seatID || match.rightID == seatID
        else { throw AppError.notInThisMatch }
        guard match.status == .called else { throw AppError.matchNotCalled }
        if try await games.isInRemoteGame(meID, on: db) { throw AppError.youAreInAGame }
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
        var setup = GameSetup(
            id: UUID(), hostID: meID, mode: .local, left: side(left), right: side(right),
            settings: settings, seed: UInt64.random(in: .min ... .max), startedAt: clock.now)
        setup.tournament = TournamentLink(
            id: id, name: tournament.name, match: number,
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
        var setup = GameSetup.remote(
            left: (leftID, leftUser.username, settings.look), right: (rightID, rightUser.username, rightLook),
            settings: settings, rated: tournament.rated, at: clock.now)
        setup.tournament = TournamentLink(
            id: try tournament.requireID(), name: tournament.name, match: match.matchNumber,
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
            scheduler.wake(Self.readyCheckJob, at: deadline)
        }
        await broadcast(try tournament.requireID(), "match")
    }

    /// The scheduler's job that closes ready checks past their deadline (woken at each new deadline).
    static let readyCheckJob = "tournaments.ready-checks"

    /// Every called match of an online tournament whose ready check ran out is closed; after a
    /// restart the first run finds the ones that lapsed meanwhile.
    func closeLapsedReadyChecks(at now: Date) async throws {
        let lapsed = try await TournamentMatch.query(on: db).join(Tournament.self, on: \TournamentMatch.$tournament.$id == \Tournament.$id)
            .filter(Tournament.self, \.$kind == .online).filter(Tournament.self, \.$status == .running)
            .filter(\.$status == .called).filter(\.$readyDeadline <= now).all(\.$id)
        for matchID in lapsed { try await readyCheckExpired(matchID) }
    }

    /// The ready check ran out: whoever said ready goes through; if neither did, the better seed does.
    func readyCheckExpired(_ matchID: UUID) async throws {
        guard let match = try await TournamentMatch.find(matchID, on: db), match.status == .called,
            let deadline = match.readyDeadline
        else { return }
        if deadline > clock.now {
            scheduler.wake(Self.readyCheckJob, at: deadline)
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
                scheduler.wake(Self.readyCheckJob, at: later)
                return
            }
        }
        let winner: BracketSide =
            match.leftReady && !match.rightReady
            ? .left
            : match.rightReady && !match.leftReady ? .right : betterSeed(left, right)
        guard try await decide(matchID, winner: winner, reason: Match.EndReason.noShow.rawValue) else { return }
        let tournament = try await load(match.$tournament.id)
        // In a rated tournament, a player who never said ready left a rated game: it counts toward a playban.
        if tournament.rated {
            for seat in [left, right] where !(seat.id == match.leftID ? match.leftReady : match.rightReady) {
                guard let userID = seat.$user.id else { continue }
                try await Playbans.recordAbandonment(by: userID, of: matchID, reason: .noShow, at: clock.now, in: db)
            }
        }
        // The loser never said ready, so wasn't there to see it: they hear it in the bell.
        let (loser, winnerSeat) = winner == .left ? (right, left) : (left, right)
        if let loserID = loser.$user.id {
            try await notifications.notify(
                loserID, .tournamentEliminated, actor: nil,
                data: [
                    "tournament": try tournament.requireID().uuidString, "name": tournament.name,
                    "round": Bracket.roundName(match.round, of: tournament.rounds),
                    "opponent": displayName(winnerSeat, in: tournament), "reason": Match.EndReason.noShow.rawValue
                ])
        }
    }
}

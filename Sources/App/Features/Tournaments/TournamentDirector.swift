import Fluent
import Foundation
import PongCore
import SQLKit
import Vapor

/// Runs tournaments once they start: draws the bracket, calls each match as soon as both its
/// players are known (60 s ready check online), starts the game when both are ready, and moves
/// winners on when results are stored — every step a conditional update, so it happens once.
///
/// By responsibility: the draw and the room (`+Draw`), calls and ready checks (`+Calls`), results
/// (`TournamentResults.swift`), accounts going away and restarts (`+Restarts`); helpers here.
struct TournamentDirector {
    let db: any Database
    let users: ConnectedUsers
    let games: GameHub
    let chat: ChatService
    let notifications: NotificationsService
    let scheduler: Scheduler
    let clock: AppClock
    let eventLoop: any EventLoop
    let logger: Logger
    /// How long a called player has to say ready (60 s; shorter in tests).
    let readyCheck: TimeInterval

    func load(_ id: UUID) async throws -> Tournament {
        guard let tournament = try await Tournament.find(id, on: db) else { throw AppError.tournamentNotFound }
        return tournament
    }

    // MARK: Helpers

    func match(_ number: Int, of id: UUID) async throws -> TournamentMatch {
        guard
            let match = try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id)
                .filter(\.$matchNumber == number).first()
        else { throw AppError.tournamentMatchNotFound }
        return match
    }

    func players(of match: TournamentMatch) async throws -> (TournamentParticipant, TournamentParticipant) {
        guard let leftID = match.leftID, let rightID = match.rightID,
            let left = try await TournamentParticipant.find(leftID, on: db),
            let right = try await TournamentParticipant.find(rightID, on: db)
        else {
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
            let audience = Set(
                seats.filter { [.invited, .joined].contains($0.status) }.compactMap { $0.$user.id } + extra + [creator].compactMap { $0 })
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
                    let conversation = try await Conversation.query(on: db).filter(
                        \.$directKey == Conversation.directKey(creatorID, userID)
                    ).first(),
                    let line = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversation.requireID())
                        .filter(\.$kind == .system).filter(\.$data, .contains(inverse: false, .anywhere), id.uuidString)
                        .sort(\.$id, .descending).first()
                else { continue }
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

extension Application {
    private struct ReadyCheckKey: StorageKey { typealias Value = TimeInterval }

    /// How long a called player has to say ready.
    var tournamentReadyCheck: TimeInterval {
        get { storage[ReadyCheckKey.self] ?? TournamentRules.defaultReadyCheck }
        set { storage[ReadyCheckKey.self] = newValue }
    }

    func tournamentDirector(on db: any Database) -> TournamentDirector {
        TournamentDirector(
            db: db, users: connectedUsers, games: games, chat: chat(on: db), notifications: notifications(on: db),
            scheduler: scheduler, clock: clock, eventLoop: eventLoopGroup.any(), logger: logger,
            readyCheck: tournamentReadyCheck)
    }
}

extension Request {
    var tournamentDirector: TournamentDirector { application.tournamentDirector(on: db) }
}

import Fluent
import Foundation
import PongCore
import SQLKit
import Vapor

/// Accounts going away (their matches forfeited) and a restart (every call and deadline resumed).
extension TournamentDirector {
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

    /// After a restart: matches whose game is no longer live (it died with this server, or with
    /// another instance) are called again — a game another instance runs now is left alone — and
    /// matches whose players are known are called. Ready checks that lapsed meanwhile are closed by
    /// the scheduler's first run.
    func resumeAfterRestart() async throws {
        let running = try await Tournament.query(on: db).filter(\.$status == .running).all()
        for tournament in running {
            let id = try tournament.requireID()
            for match in try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id).filter(\.$status == .playing).all() {
                let game: Match? = if let gameID = match.gameID { try await Match.find(gameID, on: db) } else { nil }
                if game?.status != .live { try await reopen(match.requireID()) }
            }
            try await callReadyMatches(of: id)
        }
    }

    /// The games ended `abandoned` with a dead instance: their tournament matches are called again.
    func reopenMatches(ofGames games: [UUID]) async throws {
        guard !games.isEmpty else { return }
        for match in try await TournamentMatch.query(on: db).filter(\.$gameID ~~ games).filter(\.$status == .playing).all() {
            try await reopen(match.requireID())
        }
    }
}

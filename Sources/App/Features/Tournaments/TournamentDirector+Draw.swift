import Fluent
import Foundation
import PongCore
import SQLKit
import Vapor

/// The start: the bracket drawn from the seeds, and the tournament's chat room.
extension TournamentDirector {
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
        let roomID = try await chat.openSharedRoom(named: tournament.name, members: players) { tx, roomID in
            try await Tournament.query(on: tx).filter(\.$id == id).set(\.$conversation.$id, to: roomID).update()
        }
        tournament.$conversation.id = roomID
        try await say(
            "The tournament \(tournament.name) has started with \(players.count) players. Good luck!",
            in: tournament, event: "tournament_started", details: ["name": tournament.name, "players": String(players.count)])
    }
}

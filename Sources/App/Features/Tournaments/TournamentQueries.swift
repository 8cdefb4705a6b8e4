import Fluent
import Foundation
import PongCore
import Vapor

/// Reading tournaments: one in full (lobby, live bracket, recap), and the lists of a player's.
extension TournamentDirector {
    static let defaultPageSize = 20
    static let maximumPageSize = 50

    enum ListFilter: String, CaseIterable {
        /// In the lobby or being played.
        case live
        case finished
        case all
    }

    func describe(_ id: UUID, for viewer: UUID?) async throws -> TournamentDTO {
        let tournament = try await load(id)
        let seats = try await TournamentParticipant.query(on: db).filter(\.$tournament.$id == id).sort(\.$invitedAt).all()
        let matches = try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id).sort(\.$matchNumber).all()
        let kind = tournament.kind
        let participants = try seats.map { try TournamentParticipantDTO($0, kind: kind) }
        let ranking = participants.filter { $0.placement != nil }
            .sorted { ($0.placement ?? 0, $0.seed ?? 0) < ($1.placement ?? 0, $1.seed ?? 0) }
        let played = matches.filter { $0.status == .finished && $0.leftScore != nil }
        let end = tournament.endedAt ?? (tournament.status == .running ? clock.now : nil)
        let totals = TournamentDTO.Totals(
            matchesPlayed: played.count,
            points: played.reduce(0) { $0 + ($1.leftScore ?? 0) + ($1.rightScore ?? 0) },
            longestRally: played.compactMap(\.longestRally).max() ?? 0,
            durationMs: tournament.startedAt.flatMap { start in end.map { Int($0.timeIntervalSince(start) * 1000) } })
        let mySeat = viewer.flatMap { me in seats.first { $0.$user.id == me } }
        let role: String
        if let viewer, tournament.$creator.id == viewer {
            role = "creator"
        } else {
            switch mySeat?.status {
            case .joined: role = "player"
            case .invited: role = "invited"
            default: role = "none"
            }
        }
        return TournamentDTO(
            id: id, name: tournament.name, kind: kind, status: tournament.status, creator: tournament.creatorName,
            capacity: tournament.capacity,
            rules: TournamentRulesDTO(
                pointsToWin: tournament.pointsToWin,
                ballSpeed: PongSettings.BallSpeed(rawValue: tournament.ballSpeed) ?? .normal,
                paddleSize: PongSettings.PaddleSize(rawValue: tournament.paddleSize) ?? .normal,
                rated: tournament.rated),
            seeding: tournament.seeding, rounds: tournament.rounds,
            conversationID: mySeat?.status == .joined ? tournament.$conversation.id : nil,
            winner: tournament.winnerParticipantID,
            createdAt: tournament.createdAt, startedAt: tournament.startedAt, endedAt: tournament.endedAt,
            participants: tournament.status == .lobby && role == "none" && mySeat == nil ? [] : participants,
            playerCount: seats.filter { $0.status == .joined }.count,
            matches: matches.map { TournamentMatchDTO($0, rounds: tournament.rounds) },
            ranking: ranking, totals: totals,
            viewer: TournamentDTO.Viewer(role: role, participant: mySeat?.id))
    }

    /// My matches waiting for me to say ready (a page loaded after the call shows it again).
    func pendingCalls(for me: UUID) async throws -> [TournamentCallDTO] {
        let seats = try await TournamentParticipant.query(on: db).filter(\.$user.$id == me).filter(\.$status == .joined)
            .filter(\.$placement == nil).with(\.$tournament).all()
        var calls: [TournamentCallDTO] = []
        for seat in seats where seat.tournament.status == .running && seat.tournament.kind == .online {
            let seatID = try seat.requireID()
            let tournament = seat.tournament
            let open = try await TournamentMatch.query(on: db).filter(\.$tournament.$id == tournament.requireID())
                .filter(\.$status == .called).group(.or) { $0.filter(\.$leftID == seatID).filter(\.$rightID == seatID) }.all()
            for match in open {
                guard let otherID = match.leftID == seatID ? match.rightID : match.leftID,
                    let other = try await TournamentParticipant.find(otherID, on: db)
                else { continue }
                calls.append(
                    TournamentCallDTO(
                        tournament: try tournament.requireID(), tournamentName: tournament.name, match: match.matchNumber,
                        roundName: Bracket.roundName(match.round, of: tournament.rounds), opponent: displayName(other, in: tournament),
                        status: "called", readyDeadline: match.readyDeadline, calledAt: match.calledAt, game: nil))
            }
        }
        return calls
    }

    /// My tournaments: the ones I created and the ones I joined (and, live, the ones I'm invited to), newest first.
    func mine(_ me: UUID, filter: ListFilter, page: Int, per: Int) async throws -> TournamentPageDTO {
        let seats = try await TournamentParticipant.query(on: db).filter(\.$user.$id == me)
            .filter(\.$status ~~ [.joined, .invited]).all()
        let ids = seats.filter { $0.status == .joined || filter != .finished }.map { $0.$tournament.id }
        let query = Tournament.query(on: db).group(.or) { $0.filter(\.$creator.$id == me).filter(\.$id ~~ ids) }
        return try await listPage(query, filter: filter, player: me, page: page, per: per)
    }

    /// The online tournaments a player played (public: no lobbies, no keyboards).
    func played(by userID: UUID, filter: ListFilter, page: Int, per: Int) async throws -> TournamentPageDTO {
        let ids = try await TournamentParticipant.query(on: db).filter(\.$user.$id == userID).filter(\.$status == .joined).all()
            .map { $0.$tournament.id }
        let query = Tournament.query(on: db).filter(\.$id ~~ ids).filter(\.$kind == .online)
            .filter(\.$status ~~ [.running, .finished])
        return try await listPage(query, filter: filter, player: userID, page: page, per: per)
    }

    private func listPage(
        _ query: QueryBuilder<Tournament>, filter: ListFilter, player: UUID, page: Int, per: Int
    ) async throws -> TournamentPageDTO {
        switch filter {
        case .live: query.filter(\.$status ~~ [.lobby, .running])
        case .finished: query.filter(\.$status == .finished)
        case .all: break
        }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .range(((page - 1) * per)..<(page * per)).all()
        let ids = try rows.map { try $0.requireID() }
        let seats = try await TournamentParticipant.query(on: db).filter(\.$tournament.$id ~~ ids).all()
        let items = try rows.map { tournament -> TournamentSummaryDTO in
            let id = try tournament.requireID()
            let mine = seats.filter { $0.$tournament.id == id }
            let winner = tournament.winnerParticipantID.flatMap { winnerID in mine.first { $0.id == winnerID } }
            return TournamentSummaryDTO(
                id: id, name: tournament.name, kind: tournament.kind, status: tournament.status, creator: tournament.creatorName,
                players: mine.filter { $0.status == .joined }.count, capacity: tournament.capacity,
                winner: winner.map { displayName($0, in: tournament) },
                placement: mine.first { $0.$user.id == player }?.placement,
                createdAt: tournament.createdAt, startedAt: tournament.startedAt, endedAt: tournament.endedAt)
        }
        return TournamentPageDTO(items: items, page: page, per: per, total: total)
    }
}

extension TournamentParticipant {
    /// Tournaments played (started, online) and won, for a player's figures.
    static func record(of userID: UUID, on db: any Database) async throws -> (played: Int, won: Int) {
        let seats = try await TournamentParticipant.query(on: db).filter(\.$user.$id == userID).filter(\.$status == .joined)
            .join(Tournament.self, on: \TournamentParticipant.$tournament.$id == \Tournament.$id)
            .filter(Tournament.self, \.$kind == .online).filter(Tournament.self, \.$status ~~ [.running, .finished]).all()
        return (seats.count, seats.filter { $0.placement == 1 }.count)
    }
}

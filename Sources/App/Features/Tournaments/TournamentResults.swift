import Fluent
import Foundation
import SQLKit
import Vapor

/// Results: a stored game decides its match once, the winner moves on, the tournament ends once.
extension TournamentDirector {
    // MARK: Results

    /// A tournament game's result is stored: the match is decided (or, abandoned, played again).
    func gameEnded(_ outcome: GameOutcome, stored: Match?) async throws {
        guard outcome.setup.tournament != nil,
            let match = try await TournamentMatch.query(on: db).filter(\.$gameID == outcome.setup.id).first(),
            match.status == .playing
        else { return }
        let matchID = try match.requireID()
        guard let winner = outcome.winner, outcome.status != .abandoned else {
            try await reopen(matchID)
            return
        }
        try await decide(
            matchID, winner: winner == .left ? .left : .right, reason: outcome.endReason?.rawValue,
            score: (outcome.leftScore, outcome.rightScore), longestRally: outcome.longestRally,
            duration: outcome.durationMilliseconds, record: stored?.id)
    }

    /// Decides a match once: the loser's place is fixed, the result is posted, the winner moves on
    /// (or wins the tournament). False when it was already decided.
    @discardableResult
    func decide(
        _ matchID: UUID, winner: BracketSide, reason: String?, score: (Int, Int)? = nil,
        longestRally: Int? = nil, duration: Int? = nil, record: UUID? = nil
    ) async throws -> Bool {
        guard let match = try await TournamentMatch.find(matchID, on: db),
            let winnerID = winner == .left ? match.leftID : match.rightID
        else { return false }
        let loserID = winner == .left ? match.rightID : match.leftID
        let tournament = try await load(match.$tournament.id)
        let id = try tournament.requireID()
        let next = match.round < tournament.rounds ? Bracket.next(round: match.round, position: match.position) : nil
        // The result, the loser's place and the winner's next seat are one step: nobody reads one without the others.
        let decided = try await db.transaction { tx -> Bool in
            let sql = try tx.sql
            var update = sql.update(TournamentMatch.schema)
                .set("status", to: TournamentMatch.Status.finished.rawValue)
                .set("winner_participant_id", to: winnerID).set("ended_at", to: clock.now)
            if let reason { update = update.set("end_reason", to: reason) }
            if let score { update = update.set("left_score", to: score.0).set("right_score", to: score.1) }
            if let longestRally { update = update.set("longest_rally", to: longestRally) }
            if let duration { update = update.set("duration_ms", to: duration) }
            if let record { update = update.set("match_id", to: record) }
            let changed = try await update.where("id", .equal, matchID)
                .where("status", .in, [TournamentMatch.Status.called.rawValue, TournamentMatch.Status.playing.rawValue])
                .returning("id").all()
            guard !changed.isEmpty else { return false }
            if score != nil {
                // Parallel matches of one round: the tournament's row lock makes exactly one of them the first.
                try await RowLock.lock(Tournament.schema, id: id, touching: "status", in: tx)
                let played = try await TournamentMatch.query(on: tx).filter(\.$tournament.$id == id)
                    .filter(\.$leftScore != nil).count()
                if played == 1 { try await tx.statsLedger.tournamentPlayedItsFirstGame() }
            }
            if let loserID {
                try await TournamentParticipant.query(on: tx).filter(\.$id == loserID)
                    .set(\.$placement, to: Bracket.placement(losingIn: match.round, of: tournament.rounds)).update()
            }
            if let next {
                try await sql.update(TournamentMatch.schema)
                    .set(SQLIdentifier(next.side == .left ? "left_participant_id" : "right_participant_id"), to: winnerID)
                    .where("tournament_id", .equal, id).where("round", .equal, next.round).where("position", .equal, next.position)
                    .run()
            } else {
                // The final: the tournament is over in the same step, so nobody reads a decided final in a
                // running tournament, and a crash between the two cannot leave it running for ever.
                try await markFinished(tournament, winner: winnerID, in: tx)
            }
            return true
        }
        guard decided else { return false }
        guard let decidedMatch = try await TournamentMatch.find(matchID, on: db) else { return true }
        let (left, right) = try await players(of: decidedMatch)
        try await postResult(decidedMatch, left: left, right: right, in: tournament)
        if tournament.kind == .online { try await sendCall(decidedMatch, in: tournament, status: "decided") }
        if let next {
            if let nextMatch = try await TournamentMatch.query(on: db).filter(\.$tournament.$id == id)
                .filter(\.$round == next.round).filter(\.$position == next.position).first()
            {
                try await call(nextMatch.requireID())
            }
        } else {
            try await announceChampion(winnerID, of: tournament)
        }
        await broadcast(id, "match")
        return true
    }

    /// Over once, inside the final's decision: the status, the winner's place and their tournaments won.
    private func markFinished(_ tournament: Tournament, winner: UUID, in tx: any Database) async throws {
        let changed = try await tx.sql.update(Tournament.schema)
            .set("status", to: Tournament.Status.finished.rawValue).set("winner_participant_id", to: winner)
            .set("ended_at", to: clock.now)
            .where("id", .equal, try tournament.requireID()).where("status", .equal, Tournament.Status.running.rawValue)
            .returning("id").all()
        guard !changed.isEmpty else { return }
        try await TournamentParticipant.query(on: tx).filter(\.$id == winner).set(\.$placement, to: 1).update()
        if tournament.kind == .online, let userID = try await TournamentParticipant.find(winner, on: tx)?.$user.id {
            try await tx.statsLedger.tournamentWon(by: userID)
        }
    }

    /// The champion named in the tournament's room, and everyone told it is over.
    private func announceChampion(_ winner: UUID, of tournament: Tournament) async throws {
        if let champion = try await TournamentParticipant.find(winner, on: db) {
            try await say(
                "\(displayName(champion, in: tournament)) won the tournament \(tournament.name)!", in: tournament,
                event: "tournament_finished", details: ["winner": displayName(champion, in: tournament), "name": tournament.name])
        }
        await broadcast(try tournament.requireID(), "finished")
    }

    /// "Alice beat Bob 5–3" in the tournament's room.
    func postResult(
        _ match: TournamentMatch, left: TournamentParticipant, right: TournamentParticipant,
        in tournament: Tournament
    ) async throws {
        guard let winnerID = match.winnerID else { return }
        let (winner, loser) = winnerID == left.id ? (left, right) : (right, left)
        let winnerName = displayName(winner, in: tournament), loserName = displayName(loser, in: tournament)
        // The details let each reader's client word the line in their own language.
        var details = [
            "round": Bracket.roundName(match.round, of: tournament.rounds), "winner": winnerName, "loser": loserName
        ]
        let text: String
        switch match.endReason {
        case Match.EndReason.noShow.rawValue:
            text = "\(winnerName) goes through: \(loserName) didn't show up"
            details["how"] = "no_show"
        case "forfeit", Match.EndReason.quit.rawValue, Match.EndReason.disconnected.rawValue:
            text = "\(winnerName) beat \(loserName) by forfeit"
            details["how"] = "forfeit"
        default:
            let (winnerScore, loserScore) =
                winnerID == left.id
                ? (match.leftScore ?? 0, match.rightScore ?? 0)
                : (match.rightScore ?? 0, match.leftScore ?? 0)
            text = "\(winnerName) beat \(loserName) \(winnerScore)–\(loserScore)"
            details["how"] = "score"
            details["score"] = "\(winnerScore)–\(loserScore)"
        }
        try await say(
            "\(Bracket.roundName(match.round, of: tournament.rounds)): \(text)", in: tournament, event: "tournament_result",
            details: details)
    }

    func say(_ text: String, in tournament: Tournament, event: String, details: [String: String] = [:]) async throws {
        guard let roomID = tournament.$conversation.id, let room = try await Conversation.find(roomID, on: db) else { return }
        _ = try await chat.post(
            ChatMessage(
                conversationID: roomID, senderID: nil, kind: .system, body: text,
                data: details.merging(["event": event, "tournament": try tournament.requireID().uuidString]) { _, new in new },
                at: clock.now),
            in: room, sender: nil)
    }
}

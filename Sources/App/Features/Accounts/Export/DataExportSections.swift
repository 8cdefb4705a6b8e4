import Fluent
import Foundation
import PongCore

/// The matches section: every game I played or hosted, oldest first, each with its point timeline,
/// a page at a time (`DataExport.inPages`). A keyset on the start time was tried: a stored date
/// read back and bound again isn't always the same double on SQLite, and a page's last row came twice.
struct ExportedMatches {
    let userID: UUID
    let db: any Database

    func write(to out: JSONStreamWriter) async throws {
        try await out.openArray("matches")
        let mine = {
            Match.query(on: db)
                .group(.or) {
                    $0.filter(\.$leftUser.$id == userID).filter(\.$rightUser.$id == userID).filter(\.$host.$id == userID)
                }
                .sort(\.$startedAt).sort(\.$id)
        }
        try await DataExport.inPages(mine) { page in
            let ids = try page.map { try $0.requireID() }
            let points = try await MatchPoint.query(on: db).filter(\.$match.$id ~~ ids).sort(\.$number).all()
            let timelines = Dictionary(grouping: points, by: { $0.$match.id })
            for match in page {
                try await out.element(
                    ExportedMatch(
                        match: try MatchDTO(match, viewer: userID),
                        points: (timelines[try match.requireID()] ?? []).map(ExportedPoint.init)))
            }
        }
        try await out.closeArray()
    }
}

/// The conversations section: each conversation I am in, with the messages I sent in it (what
/// others wrote is theirs), oldest first.
struct ExportedConversations {
    let userID: UUID
    let db: any Database

    func write(to out: JSONStreamWriter) async throws {
        let memberships = try await ConversationMember.query(on: db).filter(\.$user.$id == userID).with(\.$conversation)
            .sort(\.$joinedAt).all()
        try await out.openArray("conversations")
        for membership in memberships {
            let conversation = membership.conversation
            let conversationID = try conversation.requireID()
            try await out.openObject()
            try await out.field("id", conversationID)
            try await out.field("kind", conversation.kind.rawValue)
            if conversation.kind == .room {
                try await out.field("name", conversation.name)
            } else {
                try await out.field("with", try await otherMember(of: conversationID))
            }
            try await out.field("joinedAt", membership.joinedAt)
            try await out.openArray("messagesSent")
            let sent = {
                ChatMessage.query(on: db).filter(\.$conversation.$id == conversationID).filter(\.$sender.$id == userID).sort(\.$id)
            }
            try await DataExport.inPages(sent) { page in
                for message in page {
                    try await out.element(ExportedMessage(id: try message.requireID(), body: message.body, at: message.createdAt))
                }
            }
            try await out.closeArray()
            try await out.closeObject()
        }
        try await out.closeArray()
    }

    private func otherMember(of conversationID: UUID) async throws -> String? {
        try await ConversationMember.query(on: db).filter(\.$conversation.$id == conversationID)
            .filter(\.$user.$id != userID).with(\.$user).first()?.user.username
    }
}

struct ExportedMatch: Encodable {
    let match: MatchDTO
    let points: [ExportedPoint]
}

struct ExportedPoint: Encodable {
    let number: Int
    /// Milliseconds after the game started.
    let atMs: Int
    let scorer: String
    let rally: Int
    let leftScore: Int
    let rightScore: Int

    init(_ point: MatchPoint) {
        number = point.number
        atMs = point.atMilliseconds
        scorer = point.scorer
        rally = point.rally
        leftScore = point.leftScore
        rightScore = point.rightScore
    }
}

struct ExportedMessage: Encodable {
    let id: Int
    let body: String
    let at: Date
}

struct ExportedRating: Encodable {
    let rating: Int
    let deviation: Int
    let ratedGames: Int
    let ratedOpponents: Int
    let peakRating: Int

    init(_ row: PlayerRating) {
        rating = Int(row.rating.rounded())
        deviation = Int(row.deviation.rounded())
        ratedGames = row.ratedGames
        ratedOpponents = row.ratedOpponents
        peakRating = Int(row.peakRating.rounded())
    }
}

struct ExportedRatingChange: Encodable {
    let matchId: UUID
    let ratingBefore: Double
    let ratingAfter: Double
    let deviationAfter: Double
    let at: Date

    init(_ change: RatingChange) {
        matchId = change.$match.id
        ratingBefore = change.ratingBefore
        ratingAfter = change.ratingAfter
        deviationAfter = change.deviationAfter
        at = change.createdAt
    }
}

struct ExportedFriend: Encodable {
    let username: String
    /// `accepted`, or `pending` for a request not answered yet.
    let status: String
    /// Who asked: `me` or `them`.
    let requestedBy: String
    let since: Date
}

struct ExportedPerson: Encodable {
    let username: String
    let since: Date
}

struct ExportedTournament: Encodable {
    let id: UUID?
    let name: String
    let kind: String
    let status: String
    let rated: Bool
    let createdByMe: Bool
    /// My seat: its name, its status (`joined`, `left`…) and where I finished; absent for a
    /// tournament I only created (a local one, or one I left before it started).
    let myName: String?
    let myStatus: String?
    let placement: Int?
    let createdAt: Date
    let startedAt: Date?
    let endedAt: Date?

    init(_ tournament: Tournament, seat: TournamentParticipant?, createdByMe: Bool) {
        id = tournament.id
        name = tournament.name
        kind = tournament.kind.rawValue
        status = tournament.status.rawValue
        rated = tournament.rated
        self.createdByMe = createdByMe
        myName = seat?.name
        myStatus = seat?.status.rawValue
        placement = seat?.placement
        createdAt = tournament.createdAt
        startedAt = tournament.startedAt
        endedAt = tournament.endedAt
    }
}

struct ExportedReport: Encodable {
    let player: String
    let reason: String
    let text: String?
    let status: String
    let createdAt: Date

    init(_ report: Report) {
        player = report.target.username
        reason = report.reason.rawValue
        text = report.text
        status = report.status.rawValue
        createdAt = report.createdAt
    }
}

struct ExportedAbandonment: Encodable {
    let matchId: UUID
    let reason: String
    let at: Date
}

struct ExportedPlayban: Encodable {
    let level: Int
    let startedAt: Date
    let until: Date
}

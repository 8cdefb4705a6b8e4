import Fluent
import Vapor

/// A report as a moderator reads it: who, why, and what it points at in its context — the
/// message with the lines around it, the game with its score, the tournament — and where the
/// reported player stands now (muted, suspended, reported before).
struct ReportInContextDTO: Content {
    struct Player: Content {
        let id: UUID
        let username: String
        let avatarURL: String
        let joinedAt: Date
        let mutedUntil: Date?
        let suspended: Bool
        let suspendedUntil: Date?
        /// Open and closed reports about this player, this one included.
        let reports: Int
        let role: StaffRole.Role?
    }

    struct Line: Content {
        let id: Int
        let sender: String?
        let text: String
        let sentAt: Date
        /// The reported line itself.
        let reported: Bool
    }

    struct Game: Content {
        let id: UUID
        let left: String
        let right: String
        let score: String
        let status: Match.Status
        let endReason: Match.EndReason?
        let rated: Bool
        let endedAt: Date?
    }

    struct TournamentRef: Content {
        let id: UUID
        let name: String
    }

    let id: UUID
    let reason: Report.Reason
    let text: String?
    let createdAt: Date
    let status: Report.Status
    let reporter: String?
    let target: Player
    /// The conversation around the reported message, oldest first.
    let conversation: [Line]?
    let game: Game?
    let tournament: TournamentRef?
}

struct ModerationLogEntryDTO: Content {
    let id: Int
    let at: Date
    let actor: String
    let action: ModerationLogEntry.Action
    let target: String
    let reason: String
    var details: String?
    let report: UUID?

    init(_ entry: ModerationLogEntry) throws {
        id = try entry.requireID()
        at = entry.at
        actor = entry.actorName
        action = entry.action
        target = entry.targetName
        reason = entry.reason
        details = entry.details
        report = entry.reportID
    }
}

struct ModerationQueue {
    let db: any Database
    let clock: AppClock

    /// Open reports, oldest first (the longest waiting first), each in context.
    func openReports(limit: Int = 50) async throws -> [ReportInContextDTO] {
        let reports = try await Report.query(on: db).filter(\.$status == .open).with(\.$reporter).with(\.$target)
            .sort(\.$createdAt).limit(limit).all()
        var described: [ReportInContextDTO] = []
        for report in reports { described.append(try await describe(report)) }
        return described
    }

    /// The audit log, newest first; `before` pages back.
    func log(before: Int?, limit: Int = 50) async throws -> [ModerationLogEntryDTO] {
        let query = ModerationLogEntry.query(on: db)
        if let before { query.filter(\.$id < before) }
        return try await query.sort(\.$id, .descending).limit(limit).all().map(ModerationLogEntryDTO.init)
    }

    private func describe(_ report: Report) async throws -> ReportInContextDTO {
        let target = report.target
        let targetID = try target.requireID()
        let now = clock.now
        let suspension = try await Suspension.current(for: targetID, at: now, on: db)
        let player = ReportInContextDTO.Player(
            id: targetID, username: target.username, avatarURL: AvatarURL.for(target), joinedAt: target.createdAt ?? .distantPast,
            mutedUntil: try await ChatMute.current(for: targetID, at: now, on: db)?.until, suspended: suspension != nil,
            suspendedUntil: suspension?.until, reports: try await Report.query(on: db).filter(\.$target.$id == targetID).count(),
            role: try await StaffRole.of(targetID, on: db))
        return ReportInContextDTO(
            id: try report.requireID(), reason: report.reason, text: report.text, createdAt: report.createdAt, status: report.status,
            reporter: report.reporter?.username, target: player, conversation: try await conversation(around: report.messageID),
            game: try await game(report.matchID), tournament: try await tournament(report.tournamentID))
    }

    /// The reported line with up to five lines before and after it.
    private func conversation(around messageID: Int?) async throws -> [ReportInContextDTO.Line]? {
        guard let messageID, let message = try await ChatMessage.find(messageID, on: db) else { return nil }
        let conversationID = message.$conversation.id
        let before = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversationID).filter(\.$id < messageID)
            .with(\.$sender).sort(\.$id, .descending).limit(5).all()
        let after = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversationID).filter(\.$id >= messageID)
            .with(\.$sender).sort(\.$id).limit(6).all()
        return try (before.reversed() + after).map { line in
            ReportInContextDTO.Line(
                id: try line.requireID(), sender: line.sender?.username, text: line.body, sentAt: line.createdAt,
                reported: line.id == messageID)
        }
    }

    private func game(_ id: UUID?) async throws -> ReportInContextDTO.Game? {
        guard let id, let match = try await Match.find(id, on: db) else { return nil }
        return ReportInContextDTO.Game(
            id: id, left: match.leftName, right: match.rightName, score: "\(match.leftScore)–\(match.rightScore)",
            status: match.status, endReason: match.endReason, rated: match.rated, endedAt: match.endedAt)
    }

    private func tournament(_ id: UUID?) async throws -> ReportInContextDTO.TournamentRef? {
        guard let id, let tournament = try await Tournament.find(id, on: db) else { return nil }
        return .init(id: id, name: tournament.name)
    }
}

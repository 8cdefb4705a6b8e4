import Fluent
import Vapor

/// `POST /api/reports`: a player reports another, about a chat message, a game, a tournament or
/// as a whole. The reported player never learns of it; the reporter is thanked, whatever follows.
struct ReportRequest: Content {
    let username: String
    let reason: String
    let text: String?
    let messageID: Int?
    let matchID: UUID?
    let tournamentID: UUID?
}

struct ReportReceivedDTO: Content {
    let message: String
}

struct ReportService {
    let db: any Database
    let clock: AppClock
    let limiter: RateLimiter

    /// A reporter can't flood the moderators, and a brigade can't bury one player in reports.
    static let perReporter = RateLimiter.Rule(limit: 5, window: 600)
    static let perTarget = RateLimiter.Rule(limit: 20, window: 3600)
    static let longestText = 500

    func report(_ request: ReportRequest, by me: User) async throws -> ReportReceivedDTO {
        let meID = try me.requireID()
        let target = try await User.named(request.username, on: db)
        let targetID = try target.requireID()
        guard targetID != meID else { throw AppError.cannotReportYourself }
        guard let reason = Report.Reason(rawValue: request.reason) else {
            throw AppError.field("reason", "Choose chat_abuse, cheating, offensive_name or other.")
        }
        let text = request.text?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text, text.count > Self.longestText {
            throw AppError.field("text", "Say it in \(Self.longestText) characters or fewer.")
        }
        try await checkContext(request, reporter: meID, target: targetID)
        _ = try await limiter.reserve([("reports:reporter:\(meID)", Self.perReporter), ("reports:target:\(targetID)", Self.perTarget)])
        let report = Report()
        report.$reporter.id = meID
        report.$target.id = targetID
        report.reason = reason
        report.text = text?.isEmpty == false ? text : nil
        report.messageID = request.messageID
        report.matchID = request.matchID
        report.tournamentID = request.tournamentID
        report.status = .open
        report.createdAt = clock.now
        try await db.transaction { tx in
            // One open report per reporter and player, checked and stored as one step per reporter.
            try await RowLock.lock(User.schema, id: meID, touching: "username", in: tx)
            let open = try await Report.query(on: tx).filter(\.$reporter.$id == meID).filter(\.$target.$id == targetID)
                .filter(\.$status == .open).first()
            if open != nil { throw AppError.alreadyReported(target.username) }
            try await report.create(on: tx)
        }
        return ReportReceivedDTO(message: "Thanks, a moderator will look.")
    }

    /// What the report points at must exist, be the reported player's, and be something the reporter saw.
    private func checkContext(_ request: ReportRequest, reporter: UUID, target: UUID) async throws {
        if let id = request.messageID {
            guard let message = try await ChatMessage.find(id, on: db), message.$sender.id == target,
                try await ConversationMember.query(on: db).filter(\.$conversation.$id == message.$conversation.id)
                    .filter(\.$user.$id == reporter).first() != nil
            else { throw AppError.reportedMessageNotFound }
        }
        if let id = request.matchID {
            guard let match = try await Match.find(id, on: db), match.$leftUser.id == target || match.$rightUser.id == target
            else { throw AppError.matchNotFound }
        }
        if let id = request.tournamentID {
            guard
                try await TournamentParticipant.query(on: db).filter(\.$tournament.$id == id).filter(\.$user.$id == target)
                    .first() != nil
            else { throw AppError.tournamentNotFound }
        }
    }
}

extension AppError {
    static let cannotReportYourself = AppError(
        status: .badRequest, code: "cannot_report_yourself", message: "You can't report yourself.",
        fields: ["username": "This is you."])
    static func alreadyReported(_ username: String) -> AppError {
        AppError(
            status: .conflict, code: "already_reported",
            message: "You already reported \(username); a moderator will look at it.")
    }
    static let reportedMessageNotFound = AppError(
        status: .notFound, code: "message_not_found", message: "There is no such message from this player in your conversations.",
        fields: ["messageID": "Not a message of theirs that you can see."])
}

extension Application {
    func reports(on db: any Database) -> ReportService {
        ReportService(db: db, clock: clock, limiter: rateLimiter)
    }
}

extension Request {
    var reports: ReportService { application.reports(on: db) }
}

struct ReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("reports", use: report)
    }

    @Sendable func report(req: Request) async throws -> Response {
        let received = try await req.reports.report(try req.content.decode(ReportRequest.self), by: try req.requireUser())
        return try await received.encodeResponse(status: .created, for: req)
    }
}

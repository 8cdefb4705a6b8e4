import Fluent
import Vapor

/// `/api/moderation/…`: the report queue in context, the actions, and the audit log. For anyone
/// who is not staff (signed out included) every one of these answers exactly as an unknown path
/// does: 404, no hint that it exists. There is no route that writes a role or edits the log.
struct ModerationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped("moderation").grouped(StaffOnlyMiddleware())
        staff.get("reports", use: reports)
        staff.post("reports", ":id", "dismiss", use: dismiss)
        staff.get("log", use: log)
        staff.post("players", ":username", ":action", use: act)
    }

    struct ActionRequest: Content {
        let reason: String
        /// The report this answers (it is closed with the action).
        let report: UUID?
        /// A mute's length; a suspension's (absent: for good).
        let minutes: Int?
        /// The other player of the farmed games.
        let opponent: String?
    }

    static let actions: Set = ["warn", "mute", "unmute", "reset-username", "reset-avatar", "suspend", "unsuspend", "farmed"]

    struct Done: Content {
        let done: Bool
    }

    @Sendable func reports(req: Request) async throws -> [ReportInContextDTO] {
        try await ModerationQueue(db: req.db, clock: req.application.clock).openReports()
    }

    @Sendable func log(req: Request) async throws -> [ModerationLogEntryDTO] {
        let before: Int?
        do { before = try req.query.get(Int?.self, at: "before") } catch { throw AppError.field("before", "Must be a whole number.") }
        // The log keeps its details as written; the reader gets them in their language.
        let language = req.language
        return try await ModerationQueue(db: req.db, clock: req.application.clock).log(before: before).map { entry in
            var entry = entry
            entry.details = entry.details.map { Localizer.shared.translate($0, to: language) }
            return entry
        }
    }

    @Sendable func dismiss(req: Request) async throws -> Done {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.reportNotFound }
        try await req.moderation().dismiss(id, reason: try action(req).reason)
        return Done(done: true)
    }

    /// `warn`, `mute`, `unmute`, `reset-username`, `reset-avatar`, `suspend`, `unsuspend` or `farmed`
    /// on the player in the path; any other action is an unknown path.
    @Sendable func act(req: Request) async throws -> Done {
        let name = req.parameters.get("action") ?? ""
        guard Self.actions.contains(name) else { throw Abort(.notFound) }
        let body = try action(req)
        let moderation = try req.moderation()
        let username = req.parameters.get("username") ?? ""
        switch name {
        case "warn": try await moderation.warn(username, reason: body.reason, report: body.report)
        case "mute":
            guard let minutes = body.minutes else { throw AppError.field("minutes", "Say how long the mute lasts, in minutes.") }
            try await moderation.mute(username, minutes: minutes, reason: body.reason, report: body.report)
        case "unmute": try await moderation.unmute(username, reason: body.reason)
        case "reset-username": try await moderation.resetUsername(username, reason: body.reason, report: body.report)
        case "reset-avatar": try await moderation.resetAvatar(username, reason: body.reason, report: body.report)
        case "suspend": try await moderation.suspend(username, minutes: body.minutes, reason: body.reason, report: body.report)
        case "unsuspend": try await moderation.unsuspend(username, reason: body.reason)
        case "farmed":
            guard let opponent = body.opponent else { throw AppError.field("opponent", "Name the other player of the farmed games.") }
            try await moderation.markFarmed(username, with: opponent, reason: body.reason, report: body.report)
        default: throw Abort(.notFound)
        }
        return Done(done: true)
    }

    private func action(_ req: Request) throws -> ActionRequest {
        try req.content.decode(ActionRequest.self)
    }

}

/// Lets staff through; everyone else gets the very 404 of a path that does not exist.
struct StaffOnlyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.auth.get(User.self), let id = user.id, let role = try await StaffRole.of(id, on: request.db) else {
            throw Abort(.notFound)
        }
        request.storage[StaffRoleKey.self] = role
        return try await next.respond(to: request)
    }
}

private struct StaffRoleKey: StorageKey {
    typealias Value = StaffRole.Role
}

extension Request {
    /// The acting staff member's moderation service (behind `StaffOnlyMiddleware` only).
    func moderation() throws -> ModerationService {
        guard let role = storage[StaffRoleKey.self] else { throw Abort(.notFound) }
        return ModerationService(db: db, clock: application.clock, app: application, actor: try requireUser(), role: role)
    }
}

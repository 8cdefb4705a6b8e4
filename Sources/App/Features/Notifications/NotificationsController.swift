import Vapor

/// `GET /api/notifications` (newest first, `before` cursor), and marking them read.
struct NotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let notifications = routes.grouped("notifications")
        notifications.get(use: list)
        notifications.post("read", use: markRead)
    }

    @Sendable func list(req: Request) async throws -> NotificationPageDTO {
        let me = try req.requireUser().requireID()
        let limit = try CursorParameters.limit(req, default: 20)
        return try await req.notifications.page(of: me, before: try CursorParameters.before(req), limit: limit)
    }

    struct MarkReadBody: Decodable {
        /// Which ones; all of them when absent.
        let ids: [Int]?
    }

    @Sendable func markRead(req: Request) async throws -> NotificationsReadDTO {
        let me = try req.requireUser().requireID()
        let body = req.body.data == nil ? MarkReadBody(ids: nil) : try req.decodeJSON(MarkReadBody.self)
        if let ids = body.ids, ids.count > 100 {
            throw AppError.field("ids", "Mark at most 100 at once, or leave ids out to mark all.")
        }
        return try await req.notifications.markRead(of: me, ids: body.ids)
    }
}

import Fluent
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
        let query = UserNotification.query(on: req.db).filter(\.$user.$id == me).with(\.$actor)
        if let before = try CursorParameters.before(req) { query.filter(\.$id < before) }
        let page = try await query.sort(\.$id, .descending).limit(limit + 1).all()
        let items = try page.prefix(limit).map { try NotificationDTO($0, actor: $0.actor) }
        return NotificationPageDTO(items: items, unread: try await Self.unreadCount(of: me, on: req.db),
                                   next: page.count > limit ? items.last?.id : nil)
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
        let query = UserNotification.query(on: req.db).filter(\.$user.$id == me).filter(\.$readAt == nil)
        if let ids = body.ids { query.filter(\.$id ~~ ids) }
        try await query.set(\.$readAt, to: Date()).update()
        let result = NotificationsReadDTO(unread: try await Self.unreadCount(of: me, on: req.db))
        // The badge in the player's other tabs follows.
        req.application.connectedUsers.send(to: [me], .notificationsRead(result))
        return result
    }

    static func unreadCount(of userID: UUID, on db: any Database) async throws -> Int {
        try await UserNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).count()
    }
}

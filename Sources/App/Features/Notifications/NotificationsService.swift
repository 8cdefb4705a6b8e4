import Fluent
import Vapor

/// A player's notifications: stored, pushed live to every open tab, listed newest first, marked read.
struct NotificationsService {
    let db: any Database
    let users: ConnectedUsers
    let clock: AppClock

    /// Stores a notification and pushes it to every open tab of its player.
    func notify(_ userID: UUID, _ kind: UserNotification.Kind, actor: User?, data: [String: String]? = nil) async throws {
        let notification = UserNotification(userID: userID, kind: kind, actorID: actor?.id, data: data, at: clock.now)
        try await notification.create(on: db)
        users.send(to: [userID], .notification(try NotificationDTO(notification, actor: actor)))
    }

    /// One page, newest first, older than `before` when given.
    func page(of userID: UUID, before: Int?, limit: Int) async throws -> NotificationPageDTO {
        let query = UserNotification.query(on: db).filter(\.$user.$id == userID).with(\.$actor)
        if let before { query.filter(\.$id < before) }
        let rows = try await query.sort(\.$id, .descending).limit(limit + 1).all()
        let items = try rows.prefix(limit).map { try NotificationDTO($0, actor: $0.actor) }
        return NotificationPageDTO(
            items: items, unread: try await unreadCount(of: userID),
            next: rows.count > limit ? items.last?.id : nil)
    }

    /// Marks some (or, with nil, all) unread ones read; the badge in the player's other tabs follows.
    func markRead(of userID: UUID, ids: [Int]?) async throws -> NotificationsReadDTO {
        let query = UserNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil)
        if let ids { query.filter(\.$id ~~ ids) }
        try await query.set(\.$readAt, to: clock.now).update()
        let result = NotificationsReadDTO(unread: try await unreadCount(of: userID))
        users.send(to: [userID], .notificationsRead(result))
        return result
    }

    /// Marks read the ones of a kind from one actor (a friend request once it is answered).
    func markRead(of userID: UUID, kind: UserNotification.Kind, from actorID: UUID) async throws {
        try await UserNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$actor.$id == actorID)
            .filter(\.$kind == kind).filter(\.$readAt == nil).set(\.$readAt, to: clock.now).update()
    }

    func unreadCount(of userID: UUID) async throws -> Int {
        try await UserNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).count()
    }
}

extension Application {
    func notifications(on db: any Database) -> NotificationsService {
        NotificationsService(db: db, users: connectedUsers, clock: clock)
    }
}

extension Request {
    var notifications: NotificationsService { application.notifications(on: db) }
}

import Fluent
import Vapor

/// Stores a notification and pushes it to every open tab of its player.
struct Notifier {
    let db: any Database
    let users: ConnectedUsers

    func notify(_ userID: UUID, _ kind: UserNotification.Kind, actor: User?, data: [String: String]? = nil) async throws {
        let notification = UserNotification(userID: userID, kind: kind, actorID: actor?.id, data: data)
        try await notification.create(on: db)
        users.send(to: [userID], .notification(try NotificationDTO(notification, actor: actor)))
    }
}

struct NotificationDTO: Content {
    let id: Int
    let kind: UserNotification.Kind
    let actor: UserSummaryDTO?
    let data: [String: String]?
    let createdAt: Date
    let read: Bool

    init(_ notification: UserNotification, actor: User?) throws {
        self.id = try notification.requireID()
        self.kind = notification.kind
        self.actor = actor.map(UserSummaryDTO.init)
        self.data = notification.decodedData
        self.createdAt = notification.createdAt
        self.read = notification.readAt != nil
    }
}

struct NotificationPageDTO: Content {
    let items: [NotificationDTO]
    let unread: Int
    /// Pass as `before` for older ones; nil when there are none.
    let next: Int?
}

struct NotificationsReadDTO: Content {
    let unread: Int
}

import Vapor

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

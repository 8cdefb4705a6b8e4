import Vapor

/// What the bell hears from the other features.
enum NotificationSubscriptions: FeatureSubscriptions {
    static func subscribe(to bus: EventBus, in app: Application) {
        // A player who was not in the game when it ended hears how it ended in the bell.
        bus.subscribe(GameResultStored.self, as: "notifications.unseen-result") { stored in
            try await app.unseenResults(on: app.db).gameStored(stored.outcome, record: stored.record)
        }
    }
}

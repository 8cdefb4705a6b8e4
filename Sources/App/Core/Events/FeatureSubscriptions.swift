import Vapor

/// A feature's reactions to other features' events and its timed jobs, declared in the feature's own folder.
protocol FeatureSubscriptions {
    static func subscribe(to bus: EventBus, in app: Application)
    static func schedule(on scheduler: Scheduler, in app: Application)
}

extension FeatureSubscriptions {
    static func subscribe(to bus: EventBus, in app: Application) {}
    static func schedule(on scheduler: Scheduler, in app: Application) {}
}

extension Application {
    private struct EventBusKey: StorageKey { typealias Value = EventBus }

    /// Domain events between features, and socket fan-out between instances.
    var events: EventBus {
        get {
            guard let bus = storage[EventBusKey.self] else { fatalError("configure(_:) sets app.events") }
            return bus
        }
        set { storage[EventBusKey.self] = newValue }
    }
}

extension Request {
    var events: EventBus { application.events }
}

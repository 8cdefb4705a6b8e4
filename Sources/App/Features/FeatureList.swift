/// Every feature that reacts to others' events or has timed jobs. A new feature adds its own `FeatureSubscriptions`
/// here, and never edits another feature's code to be told something.
enum FeatureList {
    static var subscriptions: [any FeatureSubscriptions.Type] {
        [
            RealtimeSubscriptions.self,
            AccountSubscriptions.self,
            PlaySubscriptions.self,
            NotificationSubscriptions.self,
            TournamentSubscriptions.self
        ]
    }
}

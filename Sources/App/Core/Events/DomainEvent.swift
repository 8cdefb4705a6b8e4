import Foundation

/// Something one feature tells the others ("a result was stored", "a player went offline"). Each event
/// is a small value type declared beside the feature that publishes it; other features subscribe to
/// it in their own folder (`FeatureSubscriptions`), so no feature calls into another's code to react.
protocol DomainEvent: Sendable {
    /// A stable name for logs and the bus metrics ("game_result_stored").
    static var name: String { get }
}

/// An event every instance hears: it crosses the bus's transport (PostgreSQL NOTIFY in a cluster),
/// so it has a wire form. Everything else stays on the instance that published it.
protocol ClusterEvent: DomainEvent, Codable {}

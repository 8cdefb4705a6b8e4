import Foundation

/// A player's last tab closed: they are offline (on every instance, in a cluster).
struct PlayerWentOffline: DomainEvent {
    static let name = "player_went_offline"
    let userID: UUID
}

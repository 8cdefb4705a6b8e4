import Foundation
import Vapor

/// A socket event for players whose tabs may be on other instances: the JSON as their sockets get it.
/// Chat, typing, read marks, notifications, friend and presence changes, invitations and tournament
/// calls all travel this way. Nothing is stored with it: a tab on an instance that was down misses it
/// and re-reads what it shows when its socket opens again (see docs/ARCHITECTURE.md, "The bus").
struct SocketDelivery: ClusterEvent {
    static let name = "socket_delivery"
    let users: [UUID]
    let json: String
}

/// What the socket registry hears from the other features and instances.
enum RealtimeSubscriptions: FeatureSubscriptions {
    static func subscribe(to bus: EventBus, in app: Application) {
        let users = app.connectedUsers
        // Another instance's send: its own tabs were served there.
        bus.subscribe(SocketDelivery.self, as: "realtime.deliver") { users.deliver($0.json, to: $0.users) }
        bus.subscribe(SessionsEnded.self, as: "realtime.close-ended-sessions") { users.close($0) }
        // The cluster's presence and socket caps: what the other instances' tabs do.
        bus.subscribe(TabsChanged.self, as: "realtime.peer-presence") { users.peerChanged($0) }
        bus.subscribe(InstanceTabsCleared.self, as: "realtime.peer-cleared") { users.peerCleared($0.instance) }
        bus.subscribe(TabsEvicted.self, as: "realtime.evict-tabs") { evicted in
            for connection in users.connections(withTabs: Set(evicted.tabs)) { connection.close(.replacedByNewerTab) }
        }
    }
}

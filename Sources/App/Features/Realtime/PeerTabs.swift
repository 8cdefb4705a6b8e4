import Foundation
import NIOConcurrencyHelpers

/// What this instance knows of the other instances' tabs: for each peer, the presence each of its
/// players has there. Every instance tells the others when a player's presence on it changes
/// (`TabsChanged`), so each one holds the whole cluster's presence and answers "is she online?"
/// without a query. A peer that stops beating is forgotten (its players go offline unless they
/// have tabs elsewhere); one that starts, or stops cleanly, says so (`InstanceTabsCleared`).
final class PeerTabs: Sendable {
    private let table = NIOLockedValueBox<[String: [UUID: ConnectedUsers.Presence]]>([:])

    /// The best presence `user` has on any peer.
    func presence(of user: UUID) -> ConnectedUsers.Presence {
        table.withLockedValue { peers in peers.values.compactMap { $0[user] }.max() ?? .offline }
    }

    func hasTabs(of user: UUID) -> Bool {
        table.withLockedValue { peers in peers.values.contains { $0[user] != nil } }
    }

    /// Players with a tab on some peer.
    var users: Set<UUID> {
        table.withLockedValue { peers in Set(peers.values.flatMap(\.keys)) }
    }

    /// A peer's news about one player.
    func apply(_ change: TabsChanged) {
        table.withLockedValue { peers in
            peers[change.instance, default: [:]][change.user] = change.status == .offline ? nil : change.status
        }
    }

    /// Forgets what `instance` had; returns its players.
    func forget(_ instance: String) -> [UUID] {
        table.withLockedValue { peers in peers.removeValue(forKey: instance).map { Array($0.keys) } ?? [] }
    }

    /// Forgets every peer not in `alive`; returns the players they had.
    func keep(_ alive: Set<String>) -> [UUID] {
        let gone = table.withLockedValue { peers in peers.keys.filter { !alive.contains($0) } }
        return gone.flatMap(forget)
    }

    /// What the shared table said when this instance started: news that arrived meanwhile wins.
    func load(_ tabs: [(instance: String, user: UUID)]) {
        table.withLockedValue { peers in
            for tab in tabs where peers[tab.instance]?[tab.user] == nil { peers[tab.instance, default: [:]][tab.user] = .online }
        }
    }
}

/// A player's presence on one instance changed (their first tab there opened, their last closed,
/// a tab there joined or left a game).
struct TabsChanged: ClusterEvent {
    static let name = "tabs_changed"
    let instance: String
    let user: UUID
    let status: ConnectedUsers.Presence
}

/// An account opened more tabs than it may across the cluster: these, its oldest, close.
struct TabsEvicted: ClusterEvent {
    static let name = "tabs_evicted"
    let tabs: [UUID]
}

/// An instance started, or stopped cleanly: whatever the others knew of its tabs is gone.
struct InstanceTabsCleared: ClusterEvent {
    static let name = "instance_tabs_cleared"
    let instance: String
}

extension ConnectedUsers.Presence: Comparable {
    private var rank: Int {
        switch self {
        case .offline: 0
        case .online: 1
        case .inGame: 2
        }
    }

    static func < (one: Self, other: Self) -> Bool { one.rank < other.rank }
}

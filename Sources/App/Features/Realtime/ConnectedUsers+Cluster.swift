import Foundation
import Vapor

/// The cluster side of the socket registry: each tab counted in the shared table (the caps per
/// account and per address hold across instances), and the other instances' presence kept current.
/// Nothing here runs in one process (`shared` is nil, the bus reaches nobody).
extension ConnectedUsers {
    /// Starts counting a tab this instance admitted in the shared table.
    func countAcrossCluster(_ connection: RealtimeConnection) {
        guard let shared else { return }
        let (tab, instance, limits, logger) = (
            SocketTab(id: connection.tabID, user: connection.userID, address: connection.address, isVisitor: connection.isVisitor),
            instanceID, limits, logger
        )
        let count = Task { () -> SharedTabAdmission? in
            do {
                return try await shared.open(tab, on: instance, limits: limits)
            } catch {
                // A busy store must not cut players off: the tab stays, counted here only.
                logger.warning("Socket not counted across the cluster: \(String(reflecting: error))")
                return nil
            }
        }
        sharedCounts.withLockedValue { $0[connection.tabID] = count }
    }

    /// A tab closed: its row goes, once its count is done.
    func uncountAcrossCluster(_ connection: RealtimeConnection) {
        guard let shared else { return }
        let count = sharedCounts.withLockedValue { $0.removeValue(forKey: connection.tabID) }
        let (tab, logger) = (connection.tabID, logger)
        Task {
            guard case .admitted = await count?.value else { return }
            do { try await shared.close(tab) } catch { logger.warning("Closed socket not uncounted: \(String(reflecting: error))") }
        }
    }

    /// Waits for the cluster's count of `connection` (true at once in one process); false if its
    /// address has too many sockets across the cluster. Tabs it pushes past the account's cap close.
    func admittedByCluster(_ connection: RealtimeConnection) async -> Bool {
        guard let count = sharedCounts.withLockedValue({ $0[connection.tabID] }), let admission = await count.value else {
            return true
        }
        switch admission {
        case .refused:
            return false
        case let .admitted(evicting: tabs):
            evict(Set(tabs))
            return true
        }
    }

    /// Closes `tabs`: this instance's at once, the others' through the bus.
    func evict(_ tabs: Set<UUID>) {
        guard !tabs.isEmpty else { return }
        let here = connections(withTabs: tabs)
        for connection in here { connection.close(.replacedByNewerTab) }
        let elsewhere = tabs.subtracting(here.map(\.tabID))
        if !elsewhere.isEmpty, events.reachesOtherInstances { events.relay(TabsEvicted(tabs: Array(elsewhere))) }
    }

    /// Another instance's news about a player's presence there.
    func peerChanged(_ change: TabsChanged) {
        let before = presence(of: change.user)
        peers.apply(change)
        if presence(of: change.user) != before { presenceMayHaveChanged(change.user) }
    }

    /// An instance started or stopped cleanly: what it had is gone.
    func peerCleared(_ instance: String) {
        guard instance != instanceID else { return }
        for user in peers.forget(instance) { presenceMayHaveChanged(user) }
    }

    /// Only `alive` instances (and this one) still run: the others' tabs are gone.
    func keepPeers(_ alive: Set<String>) async {
        for user in peers.keep(alive) { presenceMayHaveChanged(user) }
        do {
            try await shared?.clear(allBut: alive.union([instanceID]))
        } catch {
            logger.warning("Sockets of stopped instances not cleared: \(String(reflecting: error))")
        }
    }

    /// At start: rows a previous run left go, the others hear this instance starts afresh, and it
    /// learns who is online elsewhere.
    func joinCluster() async throws {
        guard let shared else { return }
        try await shared.clear(instanceID)
        events.relay(InstanceTabsCleared(instance: instanceID))
        peers.load(try await shared.tabs(elsewhereThan: instanceID))
    }

    /// A clean stop: this instance's tabs leave the shared table at once.
    func leaveCluster() async {
        guard let shared else { return }
        try? await shared.clear(instanceID)
        events.relay(InstanceTabsCleared(instance: instanceID))
    }
}

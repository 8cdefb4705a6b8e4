import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Every open socket, by player: live events reach every tab of a player, and
/// presence comes from it (several tabs are one person, online until the last
/// one closes). The lock guards only the table; sends happen outside it.
final class ConnectedUsers: Sendable {
    enum Presence: String, Codable, Sendable {
        case offline, online
        case inGame = "in_game"
    }

    /// Sockets are file descriptors: one account, one address and the whole server each get a bounded share.
    struct Limits: Sendable {
        /// An account opening more closes its oldest tab (a forgotten tab shouldn't lock anyone out).
        var socketsPerUser = 10
        /// More from one address are refused (several people may share one address).
        var socketsPerAddress = 50
        /// More in total are refused, well below the process's open-file limit.
        var socketsInTotal = 20_000
    }

    /// What `add` decided about a new socket.
    enum Admission {
        /// Counted; these older tabs of the same account must close.
        case admitted(evicting: [RealtimeConnection])
        case refused
    }

    private struct Tab {
        let connection: RealtimeConnection
        /// The order tabs opened in, to find an account's oldest.
        let serial: Int
        /// The live game this tab has joined, if any.
        var game: UUID?
    }

    private struct Table {
        var tabs: [UUID: [ObjectIdentifier: Tab]] = [:]
        var perAddress: [String: Int] = [:]
        var total = 0
        var serial = 0
    }

    let limits: Limits
    private let table = NIOLockedValueBox(Table())
    private let changes: AsyncStream<UUID>.Continuation
    /// Players whose presence may have changed, in order, for `PresenceBroadcaster`.
    let presenceChanges: AsyncStream<UUID>

    /// Carries sends to the sockets other instances hold.
    let events: EventBus
    /// In a cluster: this instance's name, the others' presence, and the caps counted across instances.
    let instanceID: String
    let peers = PeerTabs()
    let shared: (any SharedSocketTabs)?
    /// Each tab's count in `shared`, under way or done: its close waits for it.
    let sharedCounts = NIOLockedValueBox<[UUID: Task<SharedTabAdmission?, Never>]>([:])
    let logger: Logger

    init(
        limits: Limits = .init(), events: EventBus, instanceID: String = "local", shared: (any SharedSocketTabs)? = nil,
        logger: Logger = Logger(label: "realtime")
    ) {
        self.limits = limits
        self.events = events
        self.instanceID = instanceID
        self.shared = shared
        self.logger = logger
        (presenceChanges, changes) = AsyncStream.makeStream(of: UUID.self, bufferingPolicy: .unbounded)
    }

    /// Signed-in players with a socket open anywhere in the cluster (visitors playing the computer are not players online).
    var connectedUserCount: Int {
        let here = table.withLockedValue { table in
            Set(table.tabs.compactMap { user, tabs in tabs.values.first?.connection.isVisitor == true ? nil : user })
        }
        return here.union(peers.users).count
    }
    /// This instance's sockets.
    var socketCount: Int { table.withLockedValue { $0.total } }

    /// Whether `userID` has a tab open on any instance.
    func isConnected(_ userID: UUID) -> Bool {
        !connections(of: userID).isEmpty || peers.hasTabs(of: userID)
    }

    /// A cheap look before the upgrade, so a refused socket gets a plain HTTP answer; `add` decides for real.
    func hasRoom(forAddress address: String) -> Bool {
        table.withLockedValue { $0.total < limits.socketsInTotal && $0.perAddress[address, default: 0] < limits.socketsPerAddress }
    }

    /// Counts a new socket, atomically against this instance's limits: the caller closes what is
    /// evicted, or the refused socket. In a cluster the count across instances follows
    /// (`admittedByCluster`).
    func add(_ connection: RealtimeConnection) -> Admission {
        let limits = self.limits
        let (admission, before, after) = table.withLockedValue { table -> (Admission, Presence, Presence) in
            let before = Self.presence(in: table.tabs[connection.userID])
            guard table.total < limits.socketsInTotal,
                table.perAddress[connection.address, default: 0] < limits.socketsPerAddress
            else { return (.refused, before, before) }
            table.serial += 1
            var mine = table.tabs[connection.userID] ?? [:]
            mine[ObjectIdentifier(connection)] = Tab(connection: connection, serial: table.serial)
            let surplus = max(0, mine.count - limits.socketsPerUser)
            // The oldest tabs go; their own close handlers take them out of the table.
            let evicted = mine.values.sorted { $0.serial < $1.serial }.prefix(surplus).map(\.connection)
            table.tabs[connection.userID] = mine
            table.total += 1
            table.perAddress[connection.address, default: 0] += 1
            return (.admitted(evicting: evicted), before, Self.presence(in: mine))
        }
        guard case .admitted = admission else { return admission }
        countAcrossCluster(connection)
        if !connection.isVisitor { presenceChangedHere(connection.userID, from: before, to: after) }
        return admission
    }

    func remove(_ connection: RealtimeConnection) {
        let change = table.withLockedValue { table -> (Presence, Presence)? in
            guard var mine = table.tabs[connection.userID],
                mine.removeValue(forKey: ObjectIdentifier(connection)) != nil
            else { return nil }
            let before = Self.presence(in: table.tabs[connection.userID])
            table.tabs[connection.userID] = mine.isEmpty ? nil : mine
            table.total -= 1
            let left = table.perAddress[connection.address, default: 1] - 1
            table.perAddress[connection.address] = left > 0 ? left : nil
            return (before, Self.presence(in: table.tabs[connection.userID]))
        }
        guard let (before, after) = change else { return }
        uncountAcrossCluster(connection)
        if !connection.isVisitor { presenceChangedHere(connection.userID, from: before, to: after) }
    }

    /// The tab joined `game`, or left its game (nil).
    func setGame(_ game: UUID?, for connection: RealtimeConnection) {
        update(connection.userID) { $0[ObjectIdentifier(connection)]?.game = game }
    }

    /// A game ended: `player`'s tabs that were in it are back to plain online.
    func gameEnded(_ game: UUID, player: UUID) {
        update(player) { tabs in
            for key in tabs.keys where tabs[key]?.game == game { tabs[key]?.game = nil }
        }
    }

    /// The player's presence across the cluster: their busiest tab anywhere.
    func presence(of userID: UUID) -> Presence {
        max(localPresence(of: userID), peers.presence(of: userID))
    }

    func localPresence(of userID: UUID) -> Presence {
        table.withLockedValue { Self.presence(in: $0.tabs[userID]) }
    }

    /// Sends one event to every tab of every listed player, wherever their sockets are: this
    /// instance's tabs at once (never a round trip through the bus), the others' through the bus.
    /// The bus is skipped only when every recipient's tabs are known to be all here. The JSON is
    /// encoded once.
    func send(to users: some Sequence<UUID>, _ event: ServerEvent) {
        let recipients = Array(users)
        let text = event.json()
        let here = deliver(text, to: recipients)
        guard events.reachesOtherInstances else { return }
        // A player with no tab here may have one that opened elsewhere a moment ago (its news still on the way).
        if recipients.contains(where: { !here.contains($0) || peers.hasTabs(of: $0) }) {
            events.relay(SocketDelivery(users: recipients, json: text))
        }
    }

    /// This instance's tabs of `users` get `text`; returns who had a tab here.
    @discardableResult func deliver(_ text: String, to users: [UUID]) -> Set<UUID> {
        let connections = table.withLockedValue { table in users.flatMap { table.tabs[$0]?.values.map(\.connection) ?? [] } }
        for connection in connections { connection.send(json: text) }
        return Set(connections.map(\.userID))
    }

    func finish() {
        changes.finish()
    }

    /// Tells the broadcaster `userID`'s presence may have changed (news from another instance).
    func presenceMayHaveChanged(_ userID: UUID) {
        changes.yield(userID)
    }

    /// This instance's sockets among `tabs`.
    func connections(withTabs tabs: Set<UUID>) -> [RealtimeConnection] {
        table.withLockedValue { table in table.tabs.values.flatMap(\.values).map(\.connection).filter { tabs.contains($0.tabID) } }
    }

    /// Every open socket, for the connection-count figures in tests and the health check.
    func connections(of userID: UUID) -> [RealtimeConnection] {
        table.withLockedValue { $0.tabs[userID]?.values.map(\.connection) ?? [] }
    }

    private func update(_ userID: UUID, _ change: (inout [ObjectIdentifier: Tab]) -> Void) {
        let transition = table.withLockedValue { table -> (Presence, Presence)? in
            let before = Self.presence(in: table.tabs[userID])
            guard var mine = table.tabs[userID] else { return nil }
            change(&mine)
            table.tabs[userID] = mine
            // A visitor has no presence: nobody is told about them.
            guard mine.values.first?.connection.isVisitor != true else { return nil }
            return (before, Self.presence(in: mine))
        }
        if let (before, after) = transition { presenceChangedHere(userID, from: before, to: after) }
    }

    /// The player's presence on this instance changed: the other instances hear of it, and the
    /// broadcaster too if it changes their presence across the cluster.
    private func presenceChangedHere(_ userID: UUID, from before: Presence, to after: Presence) {
        guard before != after else { return }
        if events.reachesOtherInstances { events.relay(TabsChanged(instance: instanceID, user: userID, status: after)) }
        let elsewhere = peers.presence(of: userID)
        if max(before, elsewhere) != max(after, elsewhere) { changes.yield(userID) }
    }

    private static func presence(in tabs: [ObjectIdentifier: Tab]?) -> Presence {
        guard let tabs, !tabs.isEmpty else { return .offline }
        return tabs.values.contains { $0.game != nil } ? .inGame : .online
    }
}

extension ConnectedUsers {
    /// This instance's sockets of the ended sessions close with 4001.
    func close(_ ended: SessionsEnded) {
        let sessions = Set(ended.sessions)
        let doomed = table.withLockedValue { table in
            table.tabs.values.flatMap { $0.values.map(\.connection) }
                .filter { sessions.contains($0.sessionID) || $0.userID == ended.allOf }
        }
        for connection in doomed { connection.close(.sessionEnded) }
    }
}

extension Application {
    private struct ConnectedUsersKey: StorageKey { typealias Value = ConnectedUsers }

    /// Every open socket by player (set up in `configure`).
    var connectedUsers: ConnectedUsers {
        get {
            guard let users = storage[ConnectedUsersKey.self] else { fatalError("configure() sets up connectedUsers") }
            return users
        }
        set { storage[ConnectedUsersKey.self] = newValue }
    }
}

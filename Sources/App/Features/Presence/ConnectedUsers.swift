import Foundation
import NIOConcurrencyHelpers

/// Every open socket, by player: live events reach every tab of a player, and
/// presence comes from it (several tabs are one person, online until the last
/// one closes). The lock guards only the table; sends happen outside it.
final class ConnectedUsers: Sendable {
    enum Presence: String, Codable, Sendable {
        case offline, online
        case inGame = "in_game"
    }

    private struct Tab {
        let connection: RealtimeConnection
        /// The live game this tab has joined, if any.
        var game: UUID?
    }

    private let tabs = NIOLockedValueBox<[UUID: [ObjectIdentifier: Tab]]>([:])
    private let changes: AsyncStream<UUID>.Continuation
    /// Players whose presence may have changed, in order, for `PresenceBroadcaster`.
    let presenceChanges: AsyncStream<UUID>

    init() {
        (presenceChanges, changes) = AsyncStream.makeStream(of: UUID.self, bufferingPolicy: .unbounded)
    }

    var connectedUserCount: Int { tabs.withLockedValue { $0.count } }

    func add(_ connection: RealtimeConnection) {
        update(connection.userID) { $0[ObjectIdentifier(connection)] = Tab(connection: connection) }
    }

    func remove(_ connection: RealtimeConnection) {
        update(connection.userID) { $0[ObjectIdentifier(connection)] = nil }
    }

    /// The tab joined `game`, or left its game (nil).
    func setGame(_ game: UUID?, for connection: RealtimeConnection) {
        update(connection.userID) { $0[ObjectIdentifier(connection)]?.game = game }
    }

    /// A game ended: whoever was in it is back to plain online.
    func gameEnded(_ game: UUID, host: UUID) {
        update(host) { tabs in
            for key in tabs.keys where tabs[key]?.game == game { tabs[key]?.game = nil }
        }
    }

    func presence(of userID: UUID) -> Presence {
        tabs.withLockedValue { Self.presence(in: $0[userID]) }
    }

    /// Sends one message to every tab of every listed player; the JSON is encoded once.
    func send<Payload: Encodable & Sendable>(to users: some Sequence<UUID>, _ type: String, _ payload: Payload) {
        let text = ServerMessage(type, payload).json()
        let connections = tabs.withLockedValue { tabs in users.flatMap { tabs[$0]?.values.map(\.connection) ?? [] } }
        for connection in connections { connection.send(text: text) }
    }

    func finish() {
        changes.finish()
    }

    private func update(_ userID: UUID, _ change: (inout [ObjectIdentifier: Tab]) -> Void) {
        let changed = tabs.withLockedValue { tabs in
            let before = Self.presence(in: tabs[userID])
            var mine = tabs[userID] ?? [:]
            change(&mine)
            tabs[userID] = mine.isEmpty ? nil : mine
            return before != Self.presence(in: tabs[userID])
        }
        if changed { changes.yield(userID) }
    }

    private static func presence(in tabs: [ObjectIdentifier: Tab]?) -> Presence {
        guard let tabs, !tabs.isEmpty else { return .offline }
        return tabs.values.contains { $0.game != nil } ? .inGame : .online
    }
}

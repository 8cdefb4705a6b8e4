import Fluent
import Foundation
import SQLKit
import Vapor

/// Finds where a live game runs when it is not on this instance, and vouches for the player whose
/// tab is here (`RelayPass`). Only in a cluster: one process has every game.
struct GameRelays: Sendable {
    let instanceID: String
    let database: @Sendable () -> any Database
    let crypto: ServerCrypto
    let clock: AppClock
    let logger: Logger

    /// Where a game runs, seen from an instance that does not run it.
    enum Whereabouts: Equatable {
        /// On the live instance at this address.
        case at(String)
        /// Still live, but its owner stopped beating (or has not said where it listens yet): a
        /// survivor takes it over within the heartbeat's timeout and a sweep, so look again.
        case moving
        /// Not live on another instance: ended, unknown, or this instance's now.
        case notElsewhere
    }

    /// Where `game` runs (`moving` when the store can't say: the tab waits and asks again).
    func whereabouts(of game: UUID) async -> Whereabouts {
        do {
            return try await lookUp(game)
        } catch {
            logger.warning("Owner of game \(game) not found: \(String(reflecting: error))")
            return .moving
        }
    }

    private func lookUp(_ game: UUID) async throws -> Whereabouts {
        guard
            let row = try await database().sql.raw(
                """
                SELECT m.status, m.owner_instance, i.address, i.heartbeat_at
                FROM matches m LEFT JOIN instances i ON i.id = m.owner_instance WHERE m.id = \(bind: game)
                """
            ).first(),
            try row.decode(column: "status", as: String.self) == Match.Status.live.rawValue,
            let owner = try row.decode(column: "owner_instance", as: String?.self), owner != instanceID
        else { return .notElsewhere }
        let cutoff = clock.now.addingTimeInterval(-GameOwnership.silenceMeansGone)
        guard let address = try row.decode(column: "address", as: String?.self),
            let beat = try row.decode(column: "heartbeat_at", as: Date?.self), beat >= cutoff
        else { return .moving }
        return .at(address)
    }

    /// The end screen of a game that is no longer live, once its result is stored.
    func summary(ofEnded game: UUID) async -> GameSummaryDTO? {
        guard let match = try? await Match.find(game, on: database()), match.status != .live else { return nil }
        return GameSummaryDTO(match)
    }

    func pass(for tab: RealtimeConnection, sessionExpiresAt: Date) -> String {
        RelayPass(
            user: tab.userID, username: tab.username, session: tab.sessionID, address: tab.address, visitor: tab.isVisitor,
            sessionExpiresAt: sessionExpiresAt, expiresAt: clock.now.addingTimeInterval(RelayPass.lifetime)
        ).token(crypto: crypto)
    }
}

extension Application {
    private struct GameRelaysKey: StorageKey { typealias Value = GameRelays }

    /// Set in a cluster (`ClusterWiring`): where games other instances own are found.
    var gameRelays: GameRelays? {
        get { storage[GameRelaysKey.self] }
        set { storage[GameRelaysKey.self] = newValue }
    }
}

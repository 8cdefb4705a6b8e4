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

    /// The address of the live instance that owns `game`, if another one does (nil too when the
    /// store can't say: the tab hears the game is not found and may try again).
    func owner(of game: UUID) async -> String? {
        do {
            return try await lookUpOwner(of: game)
        } catch {
            logger.warning("Owner of game \(game) not found: \(String(reflecting: error))")
            return nil
        }
    }

    private func lookUpOwner(of game: UUID) async throws -> String? {
        let cutoff = clock.now.addingTimeInterval(-GameOwnership.silenceMeansGone)
        return try await database().sql.raw(
            """
            SELECT i.address FROM matches m JOIN instances i ON i.id = m.owner_instance
            WHERE m.id = \(bind: game) AND m.status = 'live' AND m.owner_instance <> \(bind: instanceID)
            AND i.heartbeat_at >= \(bind: cutoff) AND i.address IS NOT NULL
            """
        ).first()?.decode(column: "address", as: String.self)
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

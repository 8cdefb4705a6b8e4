import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Each live game is owned by the instance that runs it (`matches.owner_instance`), and each
/// instance of a cluster beats (`instances.heartbeat_at`) while it runs. A game whose owner stopped
/// beating — killed, frozen, cut off — is ended `abandoned` by the scheduler's leader, so no game
/// stays live forever whichever instances die. One process on SQLite is the whole site: at start it
/// abandons every live game, and never needs to beat.
enum GameOwnership {
    /// How often an instance beats, and how long a silence means it is gone.
    static let beat: TimeInterval = 5
    static let silenceMeansGone: TimeInterval = 20
    static let orphanJob = "games.orphaned"

    /// Of `live`, the games no running instance owns: games with no owner, games of instances that
    /// stopped beating, and — when `mineAreDead`, at this instance's start (they died with its last
    /// run) — `me`'s own. A running instance's own games are never orphans.
    static func orphaned(
        _ live: [Match], me: String, mineAreDead: Bool, at now: Date, on db: any Database
    ) async throws -> [Match] {
        var alive = try await aliveInstances(at: now, on: db)
        if mineAreDead { alive.remove(me) } else { alive.insert(me) }
        return live.filter { match in match.ownerInstance.map { !alive.contains($0) } ?? true }
    }

    /// The instances that beat within the silence.
    static func aliveInstances(at now: Date, on db: any Database) async throws -> Set<String> {
        Set(
            try await db.sql.select().column("id").from("instances")
                .where("heartbeat_at", .greaterThanOrEqual, now.addingTimeInterval(-silenceMeansGone)).all()
                .map { try $0.decode(column: "id", as: String.self) })
    }

    /// This instance is alive now, and reached at `address` (once it listens).
    static func beat(_ instance: String, startedAt: Date, address: String?, at now: Date, on db: any Database) async throws {
        try await db.sql.insert(into: "instances").columns("id", "started_at", "heartbeat_at", "address")
            .values(SQLBind(instance), SQLBind(startedAt), SQLBind(now), SQLBind(address))
            .onConflict(with: ["id"]) { $0.set(excludedValueOf: "heartbeat_at").set(excludedValueOf: "address") }.run()
    }

    /// Makes `me` the owner of live game `id` if `owner` still owns it: of instances racing for a
    /// dead one's game (and the leader ending it), exactly one gets it.
    static func takeOver(_ id: UUID, from owner: String?, by me: String, on db: any Database) async throws -> Bool {
        try await WriteGate.$isDurable.withValue(true) {
            try await db.sql.raw(
                """
                UPDATE matches SET owner_instance = \(bind: me)
                WHERE id = \(bind: id) AND status = 'live' AND owner_instance IS NOT DISTINCT FROM \(bind: owner)
                RETURNING id
                """
            ).first() != nil
        }
    }

    /// A clean stop: the others need not wait for the silence.
    static func leave(_ instance: String, on db: any Database) async throws {
        try await db.sql.delete(from: "instances").where("id", .equal, instance).run()
    }
}

/// Live games a dead instance (or this one's last run) left behind were ended `abandoned`.
struct GamesAbandoned: DomainEvent {
    static let name = "games_abandoned"
    let ids: [UUID]
}

/// Beats for this instance every few seconds while it runs (cluster only), forgets the sockets of
/// instances that stopped beating, and leaves at shutdown.
final class InstanceHeartbeat: LifecycleHandler, Sendable {
    private let task: NIOLockedValueBox<Task<Void, Never>?> = .init(nil)
    private let instance: String
    private let startedAt: Date
    private let app: Application

    init(app: Application) {
        self.app = app
        instance = app.config.instanceID
        startedAt = app.clock.now
        task.withLockedValue {
            $0 = Task { [self] in
                while !Task.isCancelled {
                    await beat()
                    // Until the server listens the others can't be told where it is: look again soon.
                    try? await Task.sleep(for: address == nil ? .milliseconds(200) : .seconds(GameOwnership.beat))
                }
            }
        }
    }

    /// Where the others reach this instance: its `INSTANCE_URL`, or this machine's loopback at the
    /// port it listens on (nil until it listens).
    private var address: String? {
        app.config.instanceURL ?? app.listeningAddress.port.map { "http://127.0.0.1:\($0)" }
    }

    /// One beat now (also right after the server starts listening, so its address is known at once).
    func beat() async {
        do {
            try await WriteGate.$isDurable.withValue(true) {
                try await GameOwnership.beat(instance, startedAt: startedAt, address: address, at: app.clock.now, on: app.db)
            }
            try await app.games.directory?.update(spectators: app.games.spectatorCounts)
            // The players of instances that stopped beating are gone, unless they have tabs elsewhere.
            await app.connectedUsers.keepPeers(try await GameOwnership.aliveInstances(at: app.clock.now, on: app.db))
        } catch {
            app.logger.warning("Heartbeat not written: \(String(reflecting: error))")
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
        try? await GameOwnership.leave(instance, on: application.db)
    }
}

extension Application {
    private struct InstanceHeartbeatKey: StorageKey { typealias Value = InstanceHeartbeat }

    /// This instance's heartbeat, in a cluster.
    var instanceHeartbeat: InstanceHeartbeat? {
        get { storage[InstanceHeartbeatKey.self] }
        set { storage[InstanceHeartbeatKey.self] = newValue }
    }
}

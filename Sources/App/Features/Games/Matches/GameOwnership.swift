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
        var alive = Set(
            try await db.sql.select().column("id").from("instances")
                .where("heartbeat_at", .greaterThanOrEqual, now.addingTimeInterval(-silenceMeansGone)).all()
                .map { try $0.decode(column: "id", as: String.self) })
        if mineAreDead { alive.remove(me) } else { alive.insert(me) }
        return live.filter { match in match.ownerInstance.map { !alive.contains($0) } ?? true }
    }

    /// This instance is alive now.
    static func beat(_ instance: String, startedAt: Date, at now: Date, on db: any Database) async throws {
        try await db.sql.insert(into: "instances").columns("id", "started_at", "heartbeat_at")
            .values(SQLBind(instance), SQLBind(startedAt), SQLBind(now))
            .onConflict(with: ["id"]) { $0.set(excludedValueOf: "heartbeat_at") }.run()
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

/// Beats for this instance every few seconds while it runs (cluster only), and leaves at shutdown.
final class InstanceHeartbeat: LifecycleHandler, Sendable {
    private let task: NIOLockedValueBox<Task<Void, Never>?> = .init(nil)
    private let instance: String

    init(app: Application) {
        instance = app.config.instanceID
        let startedAt = app.clock.now
        let instance = self.instance
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    do {
                        try await WriteGate.$isDurable.withValue(true) {
                            try await GameOwnership.beat(instance, startedAt: startedAt, at: app.clock.now, on: app.db)
                        }
                    } catch {
                        app.logger.warning("Heartbeat not written: \(String(reflecting: error))")
                    }
                    try? await Task.sleep(for: .seconds(GameOwnership.beat))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
        try? await GameOwnership.leave(instance, on: application.db)
    }
}

import FluentPostgresDriver
import Foundation
import Matchmaking
import Vapor

/// Chooses the implementations of what instances share: in-process on SQLite (one process is the
/// whole site), over PostgreSQL when that is the database (LISTEN/NOTIFY for the bus, an advisory
/// lock for the scheduler's leadership), so the features never know which they run on.
enum ClusterWiring {
    /// The bus's transport: NOTIFY on PostgreSQL, nothing on SQLite.
    static func transport(for app: Application) -> any EventTransport {
        guard let postgres = app.postgresConfiguration, let link = app.clusterLink else { return LocalOnlyTransport() }
        let payloads = PostgresEventTransport.PayloadStore(
            store: { body in
                let id = UUID()
                // An event on its way is durable work: it waits its turn rather than being refused.
                try await WriteGate.$isDurable.withValue(true) {
                    try await app.db.sql.insert(into: "bus_payloads").columns("id", "body", "created_at")
                        .values(SQLBind(id), SQLBind(body), SQLBind(Date())).run()
                }
                return id
            },
            fetch: { id in
                try await app.db.sql.select().column("body").from("bus_payloads").where("id", .equal, id).first()?
                    .decode(column: "body", as: String.self)
            })
        let transport = PostgresEventTransport(
            link: link, payloads: payloads, channel: "bus_" + clusterName(postgres), instanceID: app.config.instanceID, logger: app.logger)
        app.lifecycle.use(TransportLifecycle(transport: transport))
        return transport
    }

    static func leadership(for app: Application) -> any SchedulerLeadership {
        guard let postgres = app.postgresConfiguration, let link = app.clusterLink else { return InProcessLeadership() }
        return PostgresAdvisoryLeadership(link: link, cluster: clusterName(postgres), logger: app.logger)
    }

    /// Throttles counted in PostgreSQL for the whole cluster; in memory for one process.
    static func rateLimits(for app: Application) -> (any SharedRateLimits)? {
        guard app.postgresConfiguration != nil else { return nil }
        return PostgresRateLimits(database: app.databaseProvider)
    }

    /// One quick-match queue for the cluster, in PostgreSQL; an actor in one process.
    static func matchmaker(for app: Application) -> any Matchmaker {
        guard let postgres = app.postgresConfiguration else { return InProcessMatchmaker() }
        return PostgresMatchmaker(database: app.databaseProvider, lockKey: "queue:" + clusterName(postgres))
    }

    /// Remote games' checkpoints, for a survivor to take them over (none in one process).
    static func checkpoints(for app: Application) -> (any GameCheckpoints)? {
        guard app.postgresConfiguration != nil else { return nil }
        return PostgresGameCheckpoints(database: app.databaseProvider)
    }

    /// Every instance's live games for the lists (none in one process: its own are all there is).
    static func liveGameDirectory(for app: Application) -> (any LiveGameDirectory)? {
        guard app.postgresConfiguration != nil else { return nil }
        return PostgresLiveGameDirectory(database: app.databaseProvider)
    }

    /// Sockets counted in PostgreSQL for the whole cluster; by `ConnectedUsers` alone in one process.
    static func socketTabs(for app: Application) -> (any SharedSocketTabs)? {
        guard app.postgresConfiguration != nil else { return nil }
        let clock = app.clock
        return PostgresSocketTabs(database: app.databaseProvider, now: { clock.now })
    }

    /// Housekeeping of the shared store.
    static func schedule(on scheduler: Scheduler, in app: Application, matches: MatchStore) {
        guard app.postgresConfiguration != nil else { return }
        // This instance beats; the leader ends the games of instances that stopped beating.
        app.gameRelays = GameRelays(
            instanceID: app.config.instanceID, database: app.databaseProvider, crypto: app.serverCrypto, clock: app.clock,
            logger: app.logger)
        // A one-off command beside the cluster is no instance: it never beats, so nobody counts on it.
        if app.isServing {
            let heartbeat = InstanceHeartbeat(app: app)
            app.instanceHeartbeat = heartbeat
            app.lifecycle.use(heartbeat)
        }
        app.lifecycle.use(SocketTabsLifecycle(users: app.connectedUsers))
        scheduler.every(GameOwnership.beat, GameOwnership.orphanJob) { now in
            // Remote games go on here from their checkpoints; the rest is ended. Both steps judge who is
            // dead at the same moment: judged apart, an owner whose silence reached the limit between
            // them had its resumable game ended instead of taken over.
            let resumed = try await GameTakeover.resumeOrphans(in: app, starting: false, at: now)
            if !resumed.isEmpty { app.logger.notice("Took over \(resumed.count) live game(s) whose instance stopped") }
            let abandoned = try await matches.abandonInterruptedGames(alone: false, starting: false, at: now, on: app.db)
            if !abandoned.isEmpty {
                app.logger.notice("Ended \(abandoned.count) live game(s) whose instance stopped")
                await app.events.publish(GamesAbandoned(ids: abandoned))
            }
            try await PostgresLiveGameDirectory.deleteEnded(on: app.db)
        }
        // Large bus payloads are fetched within moments of their NOTIFY; ten minutes is generous.
        scheduler.every(60, "rate-limits.expired") { now in try await PostgresRateLimits.deleteExpired(at: now, on: app.db) }
        scheduler.every(60, "bus.old-payloads") { now in
            try await app.db.sql.delete(from: "bus_payloads").where("created_at", .lessThan, now.addingTimeInterval(-600)).run()
        }
    }

    /// Instances of one site share a name; each test app (its own schema) is a cluster of its own.
    private static func clusterName(_ postgres: SQLPostgresConfiguration) -> String {
        postgres.searchPath?.first ?? "transcendence"
    }

    /// A clean stop takes this instance's sockets out of the shared table at once.
    private struct SocketTabsLifecycle: LifecycleHandler {
        let users: ConnectedUsers

        func shutdownAsync(_ application: Application) async {
            await users.leaveCluster()
        }
    }

    private struct TransportLifecycle: LifecycleHandler {
        let transport: PostgresEventTransport

        func shutdownAsync(_ application: Application) async {
            await transport.shutdown()
        }
    }
}

extension Application {
    private struct PostgresConfigurationKey: StorageKey { typealias Value = SQLPostgresConfiguration }

    private struct ClusterLinkKey: StorageKey { typealias Value = PostgresLink }

    /// Set when the database is PostgreSQL.
    var postgresConfiguration: SQLPostgresConfiguration? {
        get { storage[PostgresConfigurationKey.self] }
        set {
            storage[PostgresConfigurationKey.self] = newValue
            storage[ClusterLinkKey.self] = newValue.map {
                PostgresLink(configuration: $0.coreConfiguration, searchPath: $0.searchPath?.first, logger: logger)
            }
        }
    }

    /// The instance's one connection outside the pool: it holds the bus's LISTEN and, on the
    /// leader, the scheduler's advisory lock (one connection per instance, not two).
    var clusterLink: PostgresLink? { storage[ClusterLinkKey.self] }
}

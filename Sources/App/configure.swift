import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Matchmaking
import PongCore
import Vapor

/// The one composition root: configuration, database, middleware, services, routes.
/// Tests call it too, with `overrides` to pick a throwaway database.
public func configure(_ app: Application) async throws {
    try await configure(app, overrides: .init())
}

/// What tests may change without touching the environment.
struct ConfigurationOverrides {
    /// A PostgreSQL database (tests make one schema each, and a small pool).
    var postgres: SQLPostgresConfiguration?
    var postgresConnectionsPerLoop = 2
    /// How long a request waits for a pooled connection (tests on a loaded machine wait longer).
    var postgresPoolTimeout: TimeAmount = .seconds(10)
    /// An SQLite file other than `DATA_DIR/transcendence.sqlite`.
    var sqliteFile: String?
    /// Tests wait less for a lock held from outside, and shrink the write queue to see it refuse.
    var sqliteBusyTimeoutMilliseconds: Int?
    var writeLimits: WriteGate.Limits?
    /// Tests lower the number of requests served at once to see the rest refused.
    var requestsInFlight: Int?
    var dataDirectory: String?
    var bcryptCost: Int?
    var mailTransport: (any MailTransport)?
    /// Runs on the fresh database before migrations (tests create their PostgreSQL schema here).
    var beforeMigrations: (@Sendable (any Database) async throws -> Void)?
    /// Tests run games faster than real time and with short grace periods.
    var gameTiming: LiveGame.Timing?
    /// Tests close sockets sooner and allow fewer of them.
    var socketLimits: ConnectedUsers.Limits?
    /// Tests shrink the password-hashing queue to see it refuse work.
    var hashingLimits: PasswordHashingPool.Limits?
    /// Tests see idle connections closed without waiting half a minute.
    var connectionIdleTimeout: TimeAmount?
    /// Tests set the time and move it forward instead of sleeping.
    var clock: AppClock?
    /// Tests see a silent socket dropped in seconds rather than 20.
    var socketPingInterval: TimeAmount?
    /// Tests fill a small connection cap instead of the open-file limit.
    var connectionCap: Int?
    /// Tests call tournament matches with a ready check of seconds rather than a minute.
    var tournamentReadyCheck: TimeInterval?
    /// Tests run several instances in one process, each with its own name.
    var instanceID: String?
    /// The server key (base64), as `SECRET_KEY` gives it: a test cluster's instances share one.
    var secretKey: String?
}

func configure(_ app: Application, overrides: ConfigurationOverrides) async throws {
    var config = try AppConfig.fromEnvironment()
    if let dataDirectory = overrides.dataDirectory { config.dataDirectory = dataDirectory }
    if let cost = overrides.bcryptCost { config.bcryptCost = cost }
    if let interval = overrides.socketPingInterval { config.socketPingInterval = interval }
    if let instanceID = overrides.instanceID { config.instanceID = instanceID }
    app.config = config
    app.logger[metadataKey: "instance"] = .string(config.instanceID)
    app.loadShedding = LoadSheddingMiddleware(limit: overrides.requestsInFlight ?? config.requestsInFlight)
    app.clock = overrides.clock ?? .system
    let openFiles = OpenFileLimit.raise()
    let connectionGate = ConnectionGate(
        cap: overrides.connectionCap ?? ConnectionGate.cap(forOpenFileLimit: openFiles),
        logger: app.logger)
    app.connectionGate = connectionGate
    app.logger.info("Open-file limit: \(openFiles); connections capped at \(connectionGate.cap) (each uses one)")
    let listening = ListeningAddress()
    app.listeningAddress = listening
    app.servers.use { app in
        ConnectionCappedServer(
            http: app.http.server.shared, gate: connectionGate, group: app.eventLoopGroup, logger: app.logger, listening: listening)
    }
    ContentConfiguration.global = .api()
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.http.server.configuration.serverName = nil
    // A connection that sends nothing (or half a request) and receives nothing for this long is closed.
    app.http.server.configuration.idleTimeout = overrides.connectionIdleTimeout ?? AppConfig.connectionIdleTimeout
    // JSON bodies are small; the avatar route raises its own limit.
    app.routes.defaultMaxBodySize = ByteCount(value: Request.maximumJSONBytes)

    try DataDirectory.prepare(config.dataDirectory)
    try await configureDatabase(app, config: config, overrides: overrides)

    let secrets = try ServerSecrets.load(
        environmentValue: overrides.secretKey ?? Environment.get("SECRET_KEY"), dataDirectory: config.dataDirectory)
    let avatars = AvatarStore(
        directory: config.avatarDirectory ?? URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("avatars").path)
    try avatars.createDirectory()
    let hashing = PasswordHashingPool(limits: overrides.hashingLimits ?? .init())
    app.passwordHashing = hashing
    app.lifecycle.use(PasswordHashingLifecycle(pool: hashing))
    app.mailer =
        try overrides.mailTransport.map { Mailer(transport: $0, sender: config.mailSender) }
        ?? Mailer.configured(config, clock: app.clock, logger: app.logger)
    app.rateLimiter = RateLimiter(clock: app.clock, shared: ClusterWiring.rateLimits(for: app))
    app.serverCrypto = ServerCrypto(serverKey: secrets.keyBytes)
    app.accountParts = AccountParts(
        hasher: try PepperedPasswordHasher(keyBytes: secrets.keyBytes, cost: config.bcryptCost, pool: hashing),
        policy: try PasswordPolicy.loadingBundledList(),
        avatars: avatars,
        limiter: app.rateLimiter
    )

    let databases = app.databases
    let logger = app.logger
    /// For work that outlives a request (storing a finished game, telling friends about presence).
    let database: @Sendable () throws -> any Database = {
        guard let db = databases.database(logger: logger, on: databases.eventLoopGroup.any()) else {
            throw Abort(.serviceUnavailable, reason: "No database is configured.")
        }
        return db
    }
    let matches = MatchStore(database: database, clock: app.clock, instanceID: config.instanceID)
    app.events = EventBus(transport: ClusterWiring.transport(for: app), logger: app.logger)
    app.connectedUsers = ConnectedUsers(
        limits: overrides.socketLimits ?? config.socketLimits, events: app.events, instanceID: config.instanceID,
        shared: ClusterWiring.socketTabs(for: app), logger: app.logger)
    var gameTiming = overrides.gameTiming ?? .init()
    if config.gameTruthStream { gameTiming.streamsTruth = true }
    app.games = GameHub(
        store: matches, journal: try ResultJournal(dataDirectory: config.dataDirectory), timing: gameTiming,
        limits: .init(gamesPerUser: config.liveGamesPerUser), users: app.connectedUsers, events: app.events,
        checkpoints: ClusterWiring.checkpoints(for: app),
        directory: ClusterWiring.liveGameDirectory(for: app), logger: app.logger)
    // Shutdown runs in reverse order: presence stops, then every game stores its result before the database closes.
    app.lifecycle.use(GameHubLifecycle(hub: app.games))
    app.matchmaker = ClusterWiring.matchmaker(for: app)
    if let readyCheck = overrides.tournamentReadyCheck { app.tournamentReadyCheck = readyCheck }
    app.scheduler = Scheduler(clock: app.clock, leadership: ClusterWiring.leadership(for: app), logger: app.logger)
    ClusterWiring.schedule(on: app.scheduler, in: app, matches: matches)
    // Stops before the games store their results and the databases close (shutdown runs in reverse).
    app.lifecycle.use(app.scheduler)
    for feature in FeatureList.subscriptions {
        feature.subscribe(to: app.events, in: app)
        feature.schedule(on: app.scheduler, in: app)
    }
    // An operator's command (`role`, `rebuild-stats`) beside a running server must not act as a
    // server that just started: it would abandon that server's live games and run its timers.
    if app.isServing {
        // Results a crash left in the journal are stored (and move their tournaments on) before
        // whatever else was live when the server stopped is abandoned.
        await app.games.replayJournal()
        try await WriteGate.$isDurable.withValue(true) {
            // In a cluster this instance's last run's remote games go on here (if the leader has not already taken them).
            let now = app.clock.now
            _ = try await GameTakeover.resumeOrphans(in: app, starting: true, at: now)
            let abandoned = try await matches.abandonInterruptedGames(alone: app.postgresConfiguration == nil, at: now, on: app.db)
            if !abandoned.isEmpty { await app.events.publish(GamesAbandoned(ids: abandoned)) }
            try await app.tournamentDirector(on: app.db).resumeAfterRestart()
            try await app.connectedUsers.joinCluster()
        }
        app.scheduler.start()
    }
    app.lifecycle.use(
        SocialLifecycle(
            broadcaster: PresenceBroadcaster(users: app.connectedUsers, database: database, logger: app.logger, events: app.events)))

    app.assets = AssetCatalog(directory: app.directory.publicDirectory)
    if app.assets.page == nil {
        app.logger.warning("No front end at \(app.directory.publicDirectory)index.html: run the server from the repository's folder")
    }

    AppMetrics.bootstrap()
    app.middleware = .init()
    app.middleware.use(RequestLogMiddleware(instanceID: config.instanceID))
    app.middleware.use(ConnectionActivityMiddleware(gate: connectionGate))
    app.middleware.use(SecurityHeadersMiddleware(httpsOnly: config.servesHTTPS))
    app.middleware.use(APIErrorMiddleware())
    app.middleware.use(app.loadShedding)
    app.middleware.use(RequestLineLimitsMiddleware())
    app.middleware.use(StaticAssetsMiddleware(catalog: app.assets))
    app.middleware.use(CSRFMiddleware(trustedOrigins: config.trustedOrigins))

    try routes(app)
    ConnectionGateInstaller.register(on: app, gate: connectionGate)
    app.asyncCommands.use(RebuildStatsCommand(), as: "rebuild-stats")
    app.asyncCommands.use(RoleCommands(), as: "role")
    // Development tools stay out of an operator's command list.
    if Environment.get("TRANSCENDENCE_DEV_COMMANDS") == "1" {
        app.asyncCommands.use(SeedChatBenchCommand(), as: "seed-chat-bench")
        app.asyncCommands.use(SeedStatsBenchCommand(), as: "seed-stats-bench")
        app.asyncCommands.use(SeedExportBenchCommand(), as: "seed-export-bench")
        app.asyncCommands.use(RealtimeEventsCommand(), as: "realtime-events")
    }
}

private func configureDatabase(_ app: Application, config: AppConfig, overrides: ConfigurationOverrides) async throws {
    let gate = WriteGate(limits: overrides.writeLimits ?? .init(queueLength: config.writeQueueLength))
    app.writeGate = gate
    if let postgres = overrides.postgres {
        let factory = DatabaseConfigurationFactory.postgres(
            configuration: postgres, maxConnectionsPerEventLoop: overrides.postgresConnectionsPerLoop,
            connectionPoolTimeout: overrides.postgresPoolTimeout)
        app.databases.use(WriteSerializingConfiguration.factory(.postgres(factory.make()), gate: gate), as: .main)
        app.postgresConfiguration = postgres
    } else if let path = overrides.sqliteFile {
        app.databases.use(WriteSerializingConfiguration.factory(.sqlite(path: path), gate: gate), as: .main)
    } else if let url = config.databaseURL {
        let postgres: SQLPostgresConfiguration
        do {
            postgres = try SQLPostgresConfiguration(url: url)
        } catch {
            throw StartupError.setting("DATABASE_URL", url, expected: "postgres://user:password@host:5432/database")
        }
        let factory = DatabaseConfigurationFactory.postgres(configuration: postgres)
        app.databases.use(WriteSerializingConfiguration.factory(.postgres(factory.make()), gate: gate), as: .psql)
        app.postgresConfiguration = postgres
        try await DatabaseReachability.wait(for: app.db, upTo: config.databaseConnectTimeout, logger: app.logger)
    } else {
        let path = URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("transcendence.sqlite").path
        app.databases.use(WriteSerializingConfiguration.factory(.sqlite(path: path), gate: gate), as: .sqlite)
    }
    if let sql = try? app.db.sql, sql.dialect.name == "sqlite" {
        // WAL survives kill -9 without corrupting, and lets readers run beside the writer.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        // In WAL mode NORMAL skips the fsync on each commit: still consistent after a crash or kill -9;
        // only a power cut can lose the last commits. Set on every connection: each event loop's reader
        // and the one writer.
        let busyTimeout = overrides.sqliteBusyTimeoutMilliseconds ?? 5000
        for eventLoop in app.eventLoopGroup.makeIterator() {
            if let connection = app.databases.database(logger: app.logger, on: eventLoop) as? WriteSerializingDatabase {
                try await connection.onEachConnection("PRAGMA synchronous=NORMAL")
                // The writer waits this long for a lock held from outside (another process) before
                // its statement is retried; readers never wait in WAL.
                try await connection.onEachConnection("PRAGMA busy_timeout=\(busyTimeout)")
            }
        }
    }
    try await overrides.beforeMigrations?(app.db)
    Migrations.register(on: app)
    // Migrations are durable work: they wait for the writer however long it takes.
    try await WriteGate.$isDurable.withValue(true) { try await app.autoMigrate() }
}

extension DatabaseID {
    /// The database tests configure, whichever driver it uses.
    static let main = DatabaseID(string: "main")
}

extension Application {
    /// The commands an operator runs beside a server, which must not act as one.
    static let oneOffCommands: Set<String> = [
        "role", "rebuild-stats", "migrate", "routes", "seed-chat-bench", "seed-stats-bench", "seed-export-bench",
        "realtime-events"
    ]

    /// Whether this process serves (`serve`, the default, and test apps) rather than runs a one-off command.
    var isServing: Bool {
        guard let command = environment.arguments.dropFirst().first(where: { !$0.hasPrefix("-") }) else { return true }
        return !Self.oneOffCommands.contains(command)
    }
}

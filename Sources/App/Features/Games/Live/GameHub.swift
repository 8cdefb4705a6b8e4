import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PongCore
import Vapor

/// Every live game on this server, by id. The lock guards only the table;
/// each game runs on its own event loop.
final class GameHub: Sendable {
    struct Limits: Sendable {
        /// Live games one account may host at once (tabs, a forgotten game): a bound on what one user can cost.
        var gamesPerUser = 3
        /// Live visitors' games from one address at once (each new visitor could otherwise bring a new id).
        var visitorGamesPerAddress = 2
    }

    /// What a game being started counts against.
    private enum Slot: Hashable {
        case host(UUID)
        case visitorsAt(String)
    }

    let timing: LiveGame.Timing
    let limits: Limits
    /// Watches per account per minute (per tab: `WatchWindow`).
    let watchAllowance: any WatchAllowance = InProcessWatchAllowance()
    private let store: MatchStore
    /// Results on disk until they are stored, replayed at start after a crash.
    private let journal: ResultJournal
    private let games = NIOLockedValueBox<[UUID: LiveGame]>([:])
    /// Games being set up (their match row is being written), by slot: they count against the limits too.
    private let starting = NIOLockedValueBox<[Slot: Int]>([:])
    private let tickers: LoopTickers
    /// Results being written, so shutdown can wait for them.
    private let pendingWrites = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])
    private let logger: Logger
    /// Presence follows games: a player is "in a game" until it ends.
    private let users: ConnectedUsers
    /// Hears `RemoteGameStarted` and `GameResultStored`.
    private let events: EventBus
    /// Where remote games stand, for another instance to take over (a cluster; nil in one process).
    let checkpoints: (any GameCheckpoints)?
    /// The games other instances run, and where this one lists its own (a cluster; nil in one process).
    let directory: (any LiveGameDirectory)?

    init(
        store: MatchStore, journal: ResultJournal, timing: LiveGame.Timing, limits: Limits, users: ConnectedUsers,
        events: EventBus, checkpoints: (any GameCheckpoints)? = nil, directory: (any LiveGameDirectory)? = nil, logger: Logger
    ) {
        self.events = events
        self.checkpoints = checkpoints
        self.directory = directory
        self.store = store
        self.journal = journal
        self.users = users
        self.timing = timing
        self.limits = limits
        self.logger = logger
        self.tickers = LoopTickers(interval: timing.tickInterval)
    }

    /// How late the game clocks fire (health and the benchmark report it).
    var tickLateness: TickLateness { tickers.lateness }

    var liveGameCount: Int { games.withLockedValue { $0.count } }

    func game(_ id: UUID) -> LiveGame? {
        games.withLockedValue { $0[id] }
    }

    func liveGames(hostedBy userID: UUID) -> [LiveGame] {
        games.withLockedValue { $0.values.filter { $0.setup.hostID == userID } }
    }

    /// The games anyone signed in may find and watch: every live game but visitors' (who appear nowhere).
    func watchableGames() -> [LiveGame] {
        games.withLockedValue { $0.values.filter { !$0.setup.isVisitorGame } }
    }

    /// The games `userID` takes part in: the ones they host and remote ones they play.
    func liveGames(of userID: UUID) -> [LiveGame] {
        games.withLockedValue { $0.values.filter { $0.setup.participants.contains(userID) } }
    }

    /// The remote game `userID` is playing, if any (a player plays one at a time).
    func remoteGame(of userID: UUID) -> LiveGame? {
        games.withLockedValue { $0.values.first { $0.setup.mode == .remote && $0.setup.participants.contains(userID) } }
    }

    /// The live games the other instances run that are not (any longer) this one's: none in one process.
    func listedElsewhere(than me: String, at now: Date) async throws -> [ListedGame] {
        guard let directory else { return [] }
        let listed = try await directory.elsewhere(than: me, aliveSince: now.addingTimeInterval(-GameOwnership.silenceMeansGone))
        return games.withLockedValue { games in listed.filter { games[$0.setup.id] == nil } }
    }

    /// Whether `userID` plays a remote game here or, in a cluster, on any instance (their claim).
    func isInRemoteGame(_ userID: UUID, on db: any Database) async throws -> Bool {
        if remoteGame(of: userID) != nil { return true }
        guard directory != nil else { return false }
        return try await PlayerClaims.isPlaying(userID, on: db)
    }

    /// Writes the match row, then starts the game on `eventLoop`.
    func start(_ setup: GameSetup, on eventLoop: any EventLoop, db: any Database) async throws -> LiveGame {
        let slots = try reserveSlots(for: setup)
        defer { release(slots) }
        var started = setup.mode == .remote ? try await withRatings(setup, on: db) : setup
        if started.isVisitorGame {
            // Nothing to write: a visitor's game is never stored.
        } else if started.mode == .remote {
            started = try await claimPlayersAndCreate(started, on: db)
        } else {
            try await store.create(started, on: db)
        }
        let setup = started
        let game = makeGame(setup, on: eventLoop)
        if setup.mode == .remote { saveCheckpoint(game.checkpoint(at: game.engine.snapshot)) }
        game.open() // before anyone can find it: open() is the one call made off the game's loop
        games.withLockedValue { $0[setup.id] = game }
        if !setup.isVisitorGame { inDirectory { try await $0.list(setup) } }
        return game
    }

    /// Goes on with a remote game whose instance died, from its last checkpoint (the caller has made
    /// this instance its owner): it waits for both players as a new game does, then counts down.
    func resume(_ checkpoint: GameCheckpoint, on eventLoop: any EventLoop) -> LiveGame {
        let game = makeGame(checkpoint.setup, on: eventLoop)
        game.restore(from: checkpoint)
        game.open()
        games.withLockedValue { $0[checkpoint.setup.id] = game }
        inDirectory { try await $0.list(checkpoint.setup) }
        logger.notice(
            "Game \(checkpoint.setup.id) taken over at \(checkpoint.points.last.map { "\($0.leftScore)–\($0.rightScore)" } ?? "0–0")")
        return game
    }

    private func makeGame(_ setup: GameSetup, on eventLoop: any EventLoop) -> LiveGame {
        let game = LiveGame(setup: setup, createdOn: eventLoop, timing: timing, tickers: tickers) { [weak self] outcome, announce in
            self?.finish(outcome, announce: announce)
        }
        if setup.mode == .remote, checkpoints != nil {
            game.onCheckpoint = { [weak self] checkpoint in self?.saveCheckpoint(checkpoint) }
        }
        return game
    }

    /// How many watch each of this instance's listed games (the heartbeat writes them to the directory).
    var spectatorCounts: [UUID: Int] {
        games.withLockedValue { games in
            Dictionary(uniqueKeysWithValues: games.values.filter { !$0.setup.isVisitorGame }.map { ($0.setup.id, $0.spectatorCount) })
        }
    }

    /// Off the caller's loop; the lists are a view, so a failed write is logged and the game goes on
    /// (the leader's sweep deletes what a lost delisting left).
    private func inDirectory(_ change: @escaping @Sendable (any LiveGameDirectory) async throws -> Void) {
        guard let directory else { return }
        let logger = logger
        Task {
            do { try await change(directory) } catch {
                logger.warning("Live games directory not updated: \(String(reflecting: error))")
            }
        }
    }

    /// Off the game's loop; a failed save leaves the previous checkpoint (the game goes on regardless).
    private func saveCheckpoint(_ checkpoint: GameCheckpoint) {
        guard let checkpoints else { return }
        let logger = logger
        Task {
            do { try await checkpoints.save(checkpoint) } catch {
                logger.warning("Checkpoint of game \(checkpoint.setup.id) not saved: \(String(reflecting: error))")
            }
        }
    }

    /// Online players are shown with their ratings, as they stood when the game started.
    private func withRatings(_ setup: GameSetup, on db: any Database) async throws -> GameSetup {
        var rated = setup
        let ratings = store.ratings.on(db)
        if let id = setup.left.userID { rated.left.rating = Int(try await ratings.current(of: id).rating.rounded()) }
        if let id = setup.right.userID { rated.right.rating = Int(try await ratings.current(of: id).rating.rounded()) }
        return rated
    }

    /// The players' claims and the match row are one step: either the game exists and both are
    /// playing it, or neither. The pair's rated games are counted after the claims, so no other game
    /// of theirs can start in between: the fourth in a day is created casual, and says why.
    private func claimPlayersAndCreate(_ asked: GameSetup, on db: any Database) async throws -> GameSetup {
        var setup = asked
        do {
            setup = try await db.transaction { [store] tx in
                try await PlayerClaims.claim(asked.participants, for: asked.id, at: asked.startedAt, in: tx)
                let setup = try await Self.playedCasualPastThePairLimit(asked, on: tx)
                try await store.create(setup, on: tx)
                return setup
            }
        } catch  where (error as? any DatabaseError)?.isConstraintFailure == true {
            // Two starts raced on PostgreSQL past the conditional insert: the index settled it.
            for player in setup.participants where try await PlayerClaims.isPlaying(player, on: db) {
                throw PlayerInAnotherGame(userID: player)
            }
            throw error
        }
        await events.publish(RemoteGameStarted(setup: setup))
        return setup
    }

    private static func playedCasualPastThePairLimit(_ setup: GameSetup, on db: any Database) async throws -> GameSetup {
        guard setup.rated, let left = setup.left.userID, let right = setup.right.userID else { return setup }
        let since = setup.startedAt.addingTimeInterval(-FairRatingRules.pairWindow)
        let played = try await RatingRelations(db: db).ratedGames(between: left, and: right, since: since)
        guard !FairRatingRules.pairMayPlayRated(ratedGamesInWindow: played) else { return setup }
        var casual = setup
        casual.rated = false
        casual.ratingNote = .pairLimit
        return casual
    }

    /// Counts a game being started against its host's limit (and a visitor's address's) in one step,
    /// under the `starting` lock, which is the only place that adds to either count, so concurrent
    /// starts can't overshoot.
    private func reserveSlots(for setup: GameSetup) throws -> [Slot] {
        var slots = [Slot.host(setup.hostID)]
        if let address = setup.visitorAddress { slots.append(.visitorsAt(address)) }
        let full = starting.withLockedValue { starting -> Slot? in
            if let full = slots.first(where: { running(in: $0) + starting[$0, default: 0] >= limit(of: $0) }) { return full }
            for slot in slots { starting[slot, default: 0] += 1 }
            return nil
        }
        if let full { throw AppError.tooManyGames(limit(of: full)) }
        return slots
    }

    private func limit(of slot: Slot) -> Int {
        switch slot {
        case .host: limits.gamesPerUser
        case .visitorsAt: limits.visitorGamesPerAddress
        }
    }

    private func running(in slot: Slot) -> Int {
        switch slot {
        case let .host(id): liveGames(hostedBy: id).count
        case let .visitorsAt(address): games.withLockedValue { $0.values.filter { $0.setup.visitorAddress == address }.count }
        }
    }

    /// The games are live (or failed to start): they no longer count as starting.
    private func release(_ slots: [Slot]) {
        starting.withLockedValue { starting in
            for slot in slots {
                let left = starting[slot, default: 1] - 1
                starting[slot] = left > 0 ? left : nil
            }
        }
    }

    private func finish(_ outcome: GameOutcome, announce: @escaping @Sendable (Match?) -> Void) {
        let id = outcome.setup.id
        _ = games.withLockedValue { $0.removeValue(forKey: id) }
        if !outcome.setup.isVisitorGame { inDirectory { try await $0.delist(id) } }
        for player in outcome.setup.participants { users.gameEnded(id, player: player) }
        pendingWrites.withLockedValue { writes in
            writes[id] = Task { [self] in
                await settle(outcome, announce: announce)
                _ = pendingWrites.withLockedValue { $0.removeValue(forKey: id) }
            }
        }
    }

    /// Journals a result, stores it (waiting out a busy database), announces it, lets the subscribers
    /// act on it, and only then forgets the journal entry.
    private func settle(_ outcome: GameOutcome, announce: (@Sendable (Match?) -> Void)? = nil) async {
        guard !outcome.setup.isVisitorGame else {
            // A visitor's game ends where it was played: no journal, no row, no listeners.
            announce?(nil)
            return
        }
        do {
            try journal.record(outcome)
        } catch {
            logger.error("Result of \(outcome.setup.id) not journaled (stored all the same): \(error)")
        }
        let (stored, record) = await storeDurably(outcome)
        // Stored first, announced second: the end screen never shows a result a crash could lose.
        announce?(record)
        guard stored else { return } // kept in the journal for the next start
        if outcome.setup.mode == .remote { try? await checkpoints?.delete(outcome.setup.id) }
        await events.publish(GameResultStored(outcome: outcome, record: record))
        journal.remove(outcome.setup.id)
    }

    /// Stores a result until it is stored. A busy database is waited out inside (durable writes wait
    /// their turn and retry a locked database however long it takes); any other failure is tried a few
    /// times, then the entry stays in the journal. Returns the record, also when it was already closed
    /// (a replay after a crash between storing and forgetting the entry).
    private func storeDurably(_ outcome: GameOutcome) async -> (stored: Bool, record: Match?) {
        await WriteGate.$isDurable.withValue(true) {
            var pause = Duration.milliseconds(100)
            for attempt in 1...Self.storeAttempts {
                do {
                    if let match = try await store.finish(outcome) { return (true, match) }
                    return (true, try await store.record(outcome.setup.id))
                } catch {
                    logger.error("Could not store match \(outcome.setup.id) (attempt \(attempt)): \(String(reflecting: error))")
                    guard attempt < Self.storeAttempts else { break }
                    try? await Task.sleep(for: pause)
                    pause *= 4
                }
            }
            logger.error("Match \(outcome.setup.id) stays in the journal and is stored at the next start")
            return (false, nil)
        }
    }

    private static let storeAttempts = 4

    /// Stores what an earlier run left in the journal (a crash or kill between a game's end and its
    /// storing), and moves the tournaments on. Runs at start, before interrupted games are abandoned.
    func replayJournal() async {
        let pending = journal.pending(logger: logger)
        guard !pending.isEmpty else { return }
        logger.notice("Storing \(pending.count) result(s) left in the journal by the last run")
        for outcome in pending { await settle(outcome) }
    }

    /// Results waiting in the journal (written, not yet stored).
    var journalLength: Int { journal.count }

    /// Ends every game as abandoned and waits until every result is written, while the database is
    /// still open — at most `patience`: a result still waiting then is in the journal for the next start.
    func shutdown(patience: Duration = .seconds(15)) async {
        let running = games.withLockedValue { games in
            defer { games.removeAll() }
            return Array(games.values)
        }
        for game in running {
            if let outcome = try? await game.stop().get() {
                let id = outcome.setup.id
                pendingWrites.withLockedValue { writes in
                    writes[id] = Task { [self] in
                        await settle(outcome)
                        _ = pendingWrites.withLockedValue { $0.removeValue(forKey: id) }
                    }
                }
            }
        }
        let deadline = ContinuousClock.now + patience
        while pendingWrites.withLockedValue({ !$0.isEmpty }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let finished = pendingWrites.withLockedValue { $0.isEmpty }
        if !finished { logger.warning("Shutting down with \(journal.count) result(s) kept in the journal") }
    }
}

/// Stops the games before Vapor closes the databases.
struct GameHubLifecycle: LifecycleHandler {
    let hub: GameHub

    func shutdownAsync(_ application: Application) async {
        await hub.shutdown()
    }
}

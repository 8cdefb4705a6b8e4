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
    }

    let timing: LiveGame.Timing
    let limits: Limits
    private let store: MatchStore
    private let games = NIOLockedValueBox<[UUID: LiveGame]>([:])
    private let tickers: LoopTickers
    /// Results being written, so shutdown can wait for them.
    private let pendingWrites = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])
    private let logger: Logger
    /// Presence follows games: a player is "in a game" until it ends.
    private let users: ConnectedUsers

    init(store: MatchStore, timing: LiveGame.Timing, limits: Limits, users: ConnectedUsers, logger: Logger) {
        self.store = store
        self.users = users
        self.timing = timing
        self.limits = limits
        self.logger = logger
        self.tickers = LoopTickers(interval: timing.tickInterval)
    }

    var liveGameCount: Int { games.withLockedValue { $0.count } }

    func game(_ id: UUID) -> LiveGame? {
        games.withLockedValue { $0[id] }
    }

    func liveGames(hostedBy userID: UUID) -> [LiveGame] {
        games.withLockedValue { $0.values.filter { $0.setup.hostID == userID } }
    }

    /// Writes the match row, then starts the game on `eventLoop`.
    func start(_ setup: GameSetup, on eventLoop: any EventLoop, db: any Database) async throws -> LiveGame {
        guard liveGames(hostedBy: setup.hostID).count < limits.gamesPerUser else {
            throw AppError(status: .conflict, code: "too_many_games",
                           message: "You already have \(limits.gamesPerUser) games going. Finish or leave one first.")
        }
        try await store.create(setup, on: db)
        let game = LiveGame(setup: setup, createdOn: eventLoop, timing: timing, tickers: tickers) { [weak self] outcome in
            self?.finish(outcome)
        }
        game.open() // before anyone can find it: open() is the one call made off the game's loop
        games.withLockedValue { $0[setup.id] = game }
        return game
    }

    private func finish(_ outcome: GameOutcome) {
        let id = outcome.setup.id
        _ = games.withLockedValue { $0.removeValue(forKey: id) }
        users.gameEnded(id, host: outcome.setup.hostID)
        pendingWrites.withLockedValue { writes in
            writes[id] = Task { [self] in
                await store(outcome)
                _ = pendingWrites.withLockedValue { $0.removeValue(forKey: id) }
            }
        }
    }

    private func store(_ outcome: GameOutcome) async {
        do {
            try await store.finish(outcome)
        } catch {
            logger.error("Could not store match \(outcome.setup.id): \(String(reflecting: error))")
        }
    }

    /// Ends every game as abandoned and waits until every result is written,
    /// while the database is still open.
    func shutdown() async {
        let running = games.withLockedValue { games in
            defer { games.removeAll() }
            return Array(games.values)
        }
        for game in running {
            if let outcome = try? await game.stop().get() { await store(outcome) }
        }
        for write in pendingWrites.withLockedValue({ Array($0.values) }) {
            await write.value
        }
    }
}

/// Stops the games before Vapor closes the databases.
struct GameHubLifecycle: LifecycleHandler {
    let hub: GameHub

    func shutdownAsync(_ application: Application) async {
        await hub.shutdown()
    }
}

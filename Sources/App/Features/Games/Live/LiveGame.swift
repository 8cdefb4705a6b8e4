import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PongCore

/// One game being played, owned by one event loop: every piece of state
/// below is touched only on that loop (entry points hop there), so there is
/// no lock on the 60 Hz path. The loop is the first joining connection's, so
/// snapshots never cross threads; its `LoopTicker` drives the clock. The
/// outcome is reported exactly once.
///
/// A local or AI game has one participant (its host, who may steer both sides); a remote game
/// has two, each steering their own paddle. Each participant has at most one joined tab.
///
/// Three files: the entry points (here), the phases (`LiveGame+Phases.swift`) and the 60 Hz clock
/// (`LiveGame+Clock.swift`). Its state is internal so those extensions can reach it; nothing
/// outside the three files touches it, and only on the game's loop.
final class LiveGame: @unchecked Sendable {

    static let spectatorNoticeInterval = TimeAmount.milliseconds(500)

    enum State {
        case waiting
        case running
        /// `by` is the player who paused or lost their connection (nil in a one-player game).
        case paused(PauseReason, by: UUID?)
        case over
    }

    let setup: GameSetup
    let timing: Timing
    let tickers: LoopTickers
    /// Gets the outcome and the end-screen announcement, to send only once the result is stored.
    let onEnd: @Sendable (GameOutcome, _ announce: @escaping @Sendable (Match?) -> Void) -> Void
    /// Chosen when the first player joins (or the game expires unjoined), then fixed.
    private let owner = NIOLockedValueBox<(any EventLoop)?>(nil)
    let createdOn: any EventLoop

    /// The engine, with each key change counted at the tick it was pressed (within 150 ms).
    var play: RewindableGame
    var ai: PongAI?
    var state = State.waiting
    var countdown = 0
    var serverTick = 0
    var ticker: LoopTicker?
    var timer: Scheduled<Void>?
    /// When the current pause or wait runs out, to tell players how long is left.
    var timerDeadline: NIODeadline?
    /// The players' tabs and the spectators.
    var audience = GameAudience()
    /// What was last sent: the keyframe every receiver carries on, whether the court stood still
    /// in it (the countdown) and at which server tick.
    var keyframes = KeyframeSchedule()
    var sentFrozen = true
    var sentAtServerTick = 0
    var pausesUsed: [UUID: Int] = [:]
    var absences: GameAbsences
    /// A `spectators` event is scheduled.
    var spectatorNoticeDue = false
    /// Each player's last reported round trip and its jitter, shown to both players and the spectators.
    var roundTrips: [Side: Int] = [:]
    var jitters: [Side: Int] = [:]
    /// Points, hits and rallies for the match record.
    var tally = GameTally()
    /// Taken over from another instance's checkpoint: nobody coming back abandons it.
    var isResumed = false
    /// Whether `play.log` holds every key change since the first tick (a game taken over from a
    /// checkpoint saved before logs were kept does not): only then is the log stored as its replay.
    var isReplayable = true
    /// Gets where a remote game stands at each point, for another instance to go on from (a cluster).
    var onCheckpoint: (@Sendable (GameCheckpoint) -> Void)?

    var spectatorCount: Int { audience.watching }

    /// The present state (provisional for the last 150 ms: a late key may still change it).
    var engine: PongGame { play.game }

    var isRemote: Bool { setup.mode == .remote }

    init(
        setup: GameSetup, createdOn eventLoop: any EventLoop, timing: Timing, tickers: LoopTickers,
        onEnd: @escaping @Sendable (GameOutcome, _ announce: @escaping @Sendable (Match?) -> Void) -> Void
    ) {
        self.setup = setup
        self.createdOn = eventLoop
        self.timing = timing
        self.tickers = tickers
        self.onEnd = onEnd
        absences = GameAbsences(graceInTotal: timing.remoteGraceInTotal)
        play = RewindableGame(PongGame(settings: setup.settings.engineSettings, seed: setup.seed))
        if setup.right.kind == .ai, let level = setup.right.aiLevel {
            ai = PongAI(side: .right, difficulty: level, seed: setup.seed &+ 0x9E37_79B9)
        }
    }

    // MARK: Entry points (any thread)

    /// Starts the wait for the players: a game nobody joins in time is abandoned; a remote game
    /// only one player joins is won by forfeit (`no_show`) by the one who came.
    func open() {
        let wait = isRemote ? timing.remoteGrace : timing.reconnectGrace
        // Not on the owner's loop yet: none is chosen. Cancelled once everyone has joined.
        timerDeadline = .now() + wait
        timer = createdOn.scheduleTask(in: wait) { [self] in
            onLoop(preferring: createdOn) { game in
                // A join may have won the race with this timer.
                if case .waiting = game.state { game.nobodyCameBack() }
            }
        }
    }

    func join(_ connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { $0.handleJoin(connection) }
    }

    /// Someone watches: the game as it stands, then every snapshot and event; the players see how many watch.
    func watch(_ connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            if case .over = game.state { return connection.send(.error(.gameNotFound)) }
            guard game.audience.addSpectator(connection) else { return connection.send(.error(.tooManySpectators)) }
            connection.send(.game(game.description(for: nil)))
            game.spectatorsChanged()
            // The newcomer sees the court at once; nobody else gets an extra snapshot because of it.
            game.sendSnapshot(onlyTo: connection)
        }
    }

    func unwatch(_ connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.audience.removeSpectator(connection) else { return }
            game.spectatorsChanged()
        }
    }

    /// A player's browser measured its round trip to the server; everyone watching the game sees it.
    func reportRoundTrip(from connection: RealtimeConnection, milliseconds: Int, jitter: Int?) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.audience.players[connection.userID] === connection,
                let side = game.setup.side(of: connection.userID) ?? game.setup.sides(of: connection.userID).first
            else { return }
            game.roundTrips[side] = min(max(milliseconds, 0), 60_000)
            game.jitters[side] = jitter.map { min(max($0, 0), 60_000) }
            game.broadcast(
                .latency(
                    LatencyEvent(
                        left: game.roundTrips[.left], right: game.roundTrips[.right], leftJitter: game.jitters[.left],
                        rightJitter: game.jitters[.right])))
        }
    }

    /// A key change; `pressedAt` is the server tick the player's clock says it was pressed at.
    func input(from connection: RealtimeConnection, sequence: Int, side: Side, key: PaddleInput, pressedAt: Int?) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.audience.players[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
            guard game.setup.sides(of: connection.userID).contains(side) else { return connection.send(.error(.notYourSide)) }
            game.press(key, side: side, pressedAtServerTick: pressedAt)
            game.audience.lastInputs[connection.userID] = sequence
        }
    }

    func pause(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.audience.players[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
            guard case .running = game.state else { return connection.send(.error(.cannotPause)) }
            if game.isRemote {
                let used = game.pausesUsed[connection.userID, default: 0]
                guard used < game.timing.pausesPerPlayer else { return connection.send(.error(.noPausesLeft)) }
                game.pausesUsed[connection.userID] = used + 1
            }
            game.pause(.player, by: connection.userID)
        }
    }

    func resume(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.audience.players[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
            guard case let .paused(reason, by) = game.state else { return connection.send(.error(.cannotPause)) }
            // In a remote game only the player who paused ends their pause early.
            if game.isRemote, reason != .player || by != connection.userID { return connection.send(.error(.cannotPause)) }
            game.run()
        }
    }

    /// The player quits: a one-player game is stored as abandoned; in a remote game the other wins by forfeit.
    func leave(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.audience.players[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
            if game.isRemote, let side = game.setup.side(of: connection.userID) {
                game.end(.forfeit, winner: side.opponent, reason: .quit)
            } else {
                game.end(.abandoned)
            }
        }
    }

    /// A player's socket closed: pause and wait for them to come back.
    func disconnected(_ connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            let userID = connection.userID
            guard game.audience.players[userID] === connection else { return }
            game.audience.players[userID] = nil
            for side in game.setup.sides(of: userID) where game.play.key(side) != .none {
                game.press(.none, side: side, pressedAtServerTick: nil)
            }
            switch game.state {
            case .over, .waiting: return
            case .running, .paused: break
            }
            if game.isRemote { game.absences.dropped(userID) }
            if case let .paused(reason, by) = game.state, reason == .disconnected, by != userID {
                // Already waiting for the other player, whose timer keeps running.
                return
            }
            if game.isRemote, game.absences.graceLeft(for: userID) <= .zero {
                // Every second of this player's grace is spent: this drop ends the game.
                return game.forfeitByAbsence(of: userID)
            }
            game.pause(.disconnected, by: userID)
        }
    }

    /// Server shutdown: the game ends as abandoned and its outcome is handed
    /// back for the caller to store (nil if it had already ended).
    func stop() -> EventLoopFuture<GameOutcome?> {
        ownerLoop(preferring: createdOn).submit { [self] in
            if case .over = state { return nil }
            return finalOutcome(.abandoned, winner: nil, reason: nil)
        }
    }

    func ownerLoop(preferring candidate: any EventLoop) -> any EventLoop {
        owner.withLockedValue { owner in
            if let owner { return owner }
            owner = candidate
            return candidate
        }
    }

    func onLoop(preferring candidate: any EventLoop, _ body: @escaping @Sendable (LiveGame) -> Void) {
        let loop = ownerLoop(preferring: candidate)
        if loop.inEventLoop {
            body(self)
        } else {
            loop.execute { body(self) }
        }
    }
}

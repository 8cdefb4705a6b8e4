import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PongCore

/// One game being played, owned by one event loop: every piece of state
/// below is touched only on that loop (entry points hop there), so there is
/// no lock on the 60 Hz path. The loop is the first joining connection's, so
/// snapshots never cross threads; its `LoopTicker` drives the clock. The
/// outcome is reported exactly once.
final class LiveGame: @unchecked Sendable {
    struct Timing: Sendable {
        var tickInterval: TimeAmount = .nanoseconds(1_000_000_000 / Int64(Field.ticksPerSecond))
        /// The countdown before play starts and after every resume, in ticks.
        var countdownTicks = 90
        /// How long a game waits for its player to (re)connect before it is abandoned.
        var reconnectGrace: TimeAmount = .seconds(60)
        /// How long a game may stay paused with its player present.
        var pauseLimit: TimeAmount = .minutes(10)
    }

    enum PauseReason: String, Codable, Sendable { case player, disconnected }

    private enum State {
        case waiting
        case running
        case paused(PauseReason)
        case over
    }

    let setup: GameSetup
    private let timing: Timing
    private let tickers: LoopTickers
    /// Gets the outcome and the end-screen announcement, to send only once the result is stored.
    private let onEnd: @Sendable (GameOutcome, _ announce: @escaping @Sendable () -> Void) -> Void
    /// Chosen when the first player joins (or the game expires unjoined), then fixed.
    private let owner = NIOLockedValueBox<(any EventLoop)?>(nil)
    private let createdOn: any EventLoop

    private var engine: PongGame
    private var ai: PongAI?
    private var leftKey = PaddleInput.none
    private var rightKey = PaddleInput.none
    private var state = State.waiting
    private var countdown = 0
    private var serverTick = 0
    private var ticker: LoopTicker?
    private var abandonTask: Scheduled<Void>?
    private var player: RealtimeConnection?
    private var lastInputSequence = 0
    private var points: [PointRecord] = []
    private var totalHits = 0
    private var longestRally = 0

    init(setup: GameSetup, createdOn eventLoop: any EventLoop, timing: Timing, tickers: LoopTickers,
         onEnd: @escaping @Sendable (GameOutcome, _ announce: @escaping @Sendable () -> Void) -> Void) {
        self.setup = setup
        self.createdOn = eventLoop
        self.timing = timing
        self.tickers = tickers
        self.onEnd = onEnd
        engine = PongGame(settings: setup.settings.engineSettings, seed: setup.seed)
        if setup.right.kind == .ai, let level = setup.right.aiLevel {
            ai = PongAI(side: .right, difficulty: level, seed: setup.seed &+ 0x9E37_79B9)
        }
    }

    // MARK: Entry points (any thread)

    /// Abandons the game if nobody joins it in time.
    func open() {
        // Not on the owner's loop yet: none is chosen. The task is cancelled on the first join.
        abandonTask = createdOn.scheduleTask(in: timing.reconnectGrace) { [self] in
            onLoop(preferring: createdOn) { game in
                // A join may have won the race with this timer.
                if case .waiting = game.state { game.end(.abandoned) }
            }
        }
    }

    func join(_ connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { $0.handleJoin(connection) }
    }

    func input(from connection: RealtimeConnection, sequence: Int, side: Side, key: PaddleInput) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.player === connection else { return connection.send(.error(.notInGame)) }
            guard game.setup.controllableSides.contains(side) else { return connection.send(.error(.notYourSide)) }
            if side == .left { game.leftKey = key } else { game.rightKey = key }
            game.lastInputSequence = sequence
        }
    }

    func pause(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.player === connection else { return connection.send(.error(.notInGame)) }
            guard case .running = game.state else { return connection.send(.error(.cannotPause)) }
            game.pause(.player)
        }
    }

    func resume(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.player === connection else { return connection.send(.error(.notInGame)) }
            guard case .paused = game.state else { return connection.send(.error(.cannotPause)) }
            game.run()
        }
    }

    /// The player quits: the game is stored as abandoned.
    func leave(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.player === connection else { return connection.send(.error(.notInGame)) }
            game.end(.abandoned)
        }
    }

    /// The player's socket closed: pause and wait for them to come back.
    func disconnected(_ connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.player === connection else { return }
            game.player = nil
            game.leftKey = .none
            game.rightKey = .none
            switch game.state {
            case .running: game.pause(.disconnected)
            case .over: return
            case .waiting, .paused: break
            }
            game.scheduleAbandon(after: game.timing.reconnectGrace)
        }
    }

    /// Server shutdown: the game ends as abandoned and its outcome is handed
    /// back for the caller to store (nil if it had already ended).
    func stop() -> EventLoopFuture<GameOutcome?> {
        ownerLoop(preferring: createdOn).submit { [self] in
            if case .over = state { return nil }
            return end(.abandoned, reportingTo: nil)
        }
    }

    private func ownerLoop(preferring candidate: any EventLoop) -> any EventLoop {
        owner.withLockedValue { owner in
            if let owner { return owner }
            owner = candidate
            return candidate
        }
    }

    private func onLoop(preferring candidate: any EventLoop, _ body: @escaping @Sendable (LiveGame) -> Void) {
        let loop = ownerLoop(preferring: candidate)
        if loop.inEventLoop {
            body(self)
        } else {
            loop.execute { body(self) }
        }
    }

    // MARK: State changes (on the loop)

    private func handleJoin(_ connection: RealtimeConnection) {
        if case .over = state { return connection.send(.error(.gameNotFound)) }
        if let previous = player, previous !== connection {
            previous.send(.gameReplaced(game: setup.id))
        }
        player = connection
        let isPaused: Bool
        if case .paused = state { isPaused = true } else { isPaused = false }
        connection.send(.game(LiveGameDTO(
            id: setup.id, mode: setup.mode, left: PlayerDTO(setup.left), right: PlayerDTO(setup.right),
            settings: setup.settings.withResolvedLook, field: FieldDTO(paddleHeight: engine.snapshot.paddleHeight),
            controls: setup.controllableSides, points: points, paused: isPaused)))
        switch state {
        case .waiting:
            abandonTask?.cancel()
            run()
        case .paused:
            scheduleAbandon(after: timing.pauseLimit)
            sendSnapshot()
        case .running, .over:
            sendSnapshot()
        }
    }

    private func run() {
        abandonTask?.cancel()
        if case .paused = state { player?.send(.resumed) }
        state = .running
        countdown = timing.countdownTicks
        let ticker = tickers.ticker(for: ownerLoop(preferring: createdOn))
        self.ticker = ticker
        ticker.add(self)
    }

    private func pause(_ reason: PauseReason) {
        ticker?.remove(self)
        state = .paused(reason)
        player?.send(.paused(reason: reason.rawValue))
        sendSnapshot()
        scheduleAbandon(after: reason == .player ? timing.pauseLimit : timing.reconnectGrace)
    }

    private func scheduleAbandon(after delay: TimeAmount) {
        abandonTask?.cancel()
        abandonTask = ownerLoop(preferring: createdOn).scheduleTask(in: delay) { [self] in end(.abandoned) }
    }

    private func end(_ status: Match.Status) {
        if case .over = state { return }
        let player = self.player
        let outcome = end(status, reportingTo: player)
        let summary = GameSummaryDTO(outcome, gameTicks: engine.snapshot.tick)
        onEnd(outcome) { player?.send(.over(summary)) }
    }

    private func end(_ status: Match.Status, reportingTo player: RealtimeConnection?) -> GameOutcome {
        state = .over
        ticker?.remove(self)
        abandonTask?.cancel()
        let snapshot = engine.snapshot
        var winner: Side?
        if case let .finished(side) = snapshot.phase { winner = side }
        let outcome = GameOutcome(
            setup: setup, status: status, leftScore: snapshot.leftScore, rightScore: snapshot.rightScore,
            winner: status == .finished ? winner : nil, points: points, longestRally: longestRally,
            totalHits: totalHits)
        sendSnapshot()
        // "over" waits for the result to be stored (GameHub): a crash the instant the player sees it loses nothing.
        self.player = nil
        return outcome
    }

    // MARK: The clock

    /// Called by the loop's ticker, 60 times a second while running.
    func tick() {
        advance()
        guard case .running = state else { return }
        sendSnapshot()
    }

    private func advance() {
        serverTick += 1
        if countdown > 0 {
            countdown -= 1
            return
        }
        var right = rightKey
        if ai != nil {
            let snapshot = engine.snapshot
            right = ai!.input(atTick: snapshot.tick) { snapshot }
        }
        for event in engine.step(left: leftKey, right: right) {
            record(event)
        }
    }

    private func record(_ event: PongEvent) {
        switch event {
        case .paddleHit:
            totalHits += 1
            longestRally = max(longestRally, engine.snapshot.rally)
        case let .point(scorer, rally):
            let snapshot = engine.snapshot
            let point = PointRecord(
                number: points.count + 1, atMilliseconds: snapshot.tick * 1000 / Field.ticksPerSecond,
                scorer: scorer, rally: rally, leftScore: snapshot.leftScore, rightScore: snapshot.rightScore)
            points.append(point)
            player?.send(.point(point))
        case .gameOver:
            end(.finished)
        case .serve, .wallBounce:
            break
        }
    }

    private func sendSnapshot() {
        guard let player else { return }
        let snapshot = engine.snapshot
        let phase: SnapshotFrame.Phase
        var countdownLeft = countdown
        switch state {
        case .over: phase = .over
        case .paused: phase = .paused
        case .waiting, .running:
            if case let .serving(_, ticksLeft) = snapshot.phase {
                countdownLeft += ticksLeft
            }
            phase = countdownLeft > 0 ? .countdown : .playing
        }
        let (tick, lastInput) = (serverTick, lastInputSequence)
        player.sendBinary(size: SnapshotFrame.byteCount) { buffer in
            SnapshotFrame.write(snapshot, phase: phase, countdown: countdownLeft, serverTick: tick, lastInput: lastInput, into: &buffer)
        }
    }
}

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
final class LiveGame: @unchecked Sendable {

    /// Watchers per game: enough for a crowd, bounded so one game can't cost the server without end.
    static let spectatorLimit = 200
    static let spectatorNoticeInterval = TimeAmount.milliseconds(500)

    private enum State {
        case waiting
        case running
        /// `by` is the player who paused or lost their connection (nil in a one-player game).
        case paused(PauseReason, by: UUID?)
        case over
    }

    let setup: GameSetup
    private let timing: Timing
    private let tickers: LoopTickers
    /// Gets the outcome and the end-screen announcement, to send only once the result is stored.
    private let onEnd: @Sendable (GameOutcome, _ announce: @escaping @Sendable (Match?) -> Void) -> Void
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
    private var timer: Scheduled<Void>?
    /// When the current pause or wait runs out, to tell players how long is left.
    private var timerDeadline: NIODeadline?
    /// The joined tab of each participant.
    private var connections: [UUID: RealtimeConnection] = [:]
    /// Each participant's newest input sequence, echoed in their snapshots.
    private var lastInputs: [UUID: Int] = [:]
    private var pausesUsed: [UUID: Int] = [:]
    /// Remote games: when each absent player's connection dropped, and how long each was away before.
    private var awaySince: [UUID: NIODeadline] = [:]
    private var awayInTotal: [UUID: TimeAmount] = [:]
    /// Connections watching: they get every snapshot and event, and send nothing that counts.
    private var spectators: [ObjectIdentifier: RealtimeConnection] = [:]
    /// A `spectators` event is scheduled.
    private var spectatorNoticeDue = false
    /// Each player's last reported round trip, shown to both players and the spectators.
    private var roundTrips: [Side: Int] = [:]
    /// Read off the loop by the live-games list.
    private let watcherCount = NIOLockedValueBox(0)

    var spectatorCount: Int { watcherCount.withLockedValue { $0 } }
    private var points: [PointRecord] = []
    private var totalHits = 0
    private var longestRally = 0

    private var isRemote: Bool { setup.mode == .remote }

    init(setup: GameSetup, createdOn eventLoop: any EventLoop, timing: Timing, tickers: LoopTickers,
         onEnd: @escaping @Sendable (GameOutcome, _ announce: @escaping @Sendable (Match?) -> Void) -> Void) {
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
            guard game.spectators.count < Self.spectatorLimit else { return connection.send(.error(.tooManySpectators)) }
            game.spectators[ObjectIdentifier(connection)] = connection
            connection.send(.game(game.description(for: nil)))
            game.spectatorsChanged()
            // The newcomer sees the court at once; nobody else gets an extra snapshot because of it.
            game.sendSnapshot(onlyTo: connection)
        }
    }

    func unwatch(_ connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.spectators.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return }
            game.spectatorsChanged()
        }
    }

    /// A player's browser measured its round trip to the server; everyone watching the game sees it.
    func reportRoundTrip(from connection: RealtimeConnection, milliseconds: Int) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.connections[connection.userID] === connection, let side = game.setup.side(of: connection.userID) ?? game.setup.sides(of: connection.userID).first else { return }
            game.roundTrips[side] = min(max(milliseconds, 0), 60_000)
            game.broadcast(.latency(LatencyEvent(left: game.roundTrips[.left], right: game.roundTrips[.right])))
        }
    }

    func input(from connection: RealtimeConnection, sequence: Int, side: Side, key: PaddleInput) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.connections[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
            guard game.setup.sides(of: connection.userID).contains(side) else { return connection.send(.error(.notYourSide)) }
            if side == .left { game.leftKey = key } else { game.rightKey = key }
            game.lastInputs[connection.userID] = sequence
        }
    }

    func pause(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.connections[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
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
            guard game.connections[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
            guard case let .paused(reason, by) = game.state else { return connection.send(.error(.cannotPause)) }
            // In a remote game only the player who paused ends their pause early.
            if game.isRemote, reason != .player || by != connection.userID { return connection.send(.error(.cannotPause)) }
            game.run()
        }
    }

    /// The player quits: a one-player game is stored as abandoned; in a remote game the other wins by forfeit.
    func leave(from connection: RealtimeConnection) {
        onLoop(preferring: connection.eventLoop) { game in
            guard game.connections[connection.userID] === connection else { return connection.send(.error(.notInGame)) }
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
            guard game.connections[userID] === connection else { return }
            game.connections[userID] = nil
            for side in game.setup.sides(of: userID) {
                if side == .left { game.leftKey = .none } else { game.rightKey = .none }
            }
            switch game.state {
            case .over, .waiting: return
            case .running, .paused: break
            }
            if game.isRemote { game.awaySince[userID] = .now() }
            if case let .paused(reason, by) = game.state, reason == .disconnected, by != userID {
                // Already waiting for the other player, whose timer keeps running.
                return
            }
            if game.isRemote, game.graceLeft(for: userID) <= .zero {
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

    private var everyoneIsHere: Bool {
        setup.participants.allSatisfy { connections[$0] != nil }
    }

    private func handleJoin(_ connection: RealtimeConnection) {
        if case .over = state { return connection.send(.error(.gameNotFound)) }
        let userID = connection.userID
        if let previous = connections[userID], previous !== connection {
            previous.send(.gameReplaced(game: setup.id))
        }
        connections[userID] = connection
        if let since = awaySince.removeValue(forKey: userID) { awayInTotal[userID, default: .zero] += .now() - since }
        connection.send(.game(description(for: userID)))
        switch state {
        case .waiting:
            if everyoneIsHere {
                run()
            } else {
                connection.send(.paused(pauseEvent(.waiting, by: nil)))
            }
        case let .paused(reason, by):
            if reason == .disconnected, everyoneIsHere {
                // Back in time: play resumes with the same score.
                run()
            } else if isRemote {
                connection.send(.paused(pauseEvent(reason, by: by)))
                sendSnapshot()
            } else {
                // The host is back to a paused game: it waits for them to resume, as long as a pause may last.
                scheduleTimer(after: timing.pauseLimit)
                sendSnapshot()
            }
        case .running, .over:
            sendSnapshot()
        }
    }

    /// The `game` message: for a player (`userID`) with their controls and look, for a spectator (nil) with none.
    private func description(for userID: UUID?) -> LiveGameDTO {
        let isPaused: Bool
        if case .paused = state { isPaused = true } else { isPaused = false }
        return LiveGameDTO(
            id: setup.id, mode: setup.mode, left: PlayerDTO(setup.left), right: PlayerDTO(setup.right),
            settings: userID.map { setup.settings(for: $0) } ?? setup.settings.withResolvedLook,
            field: FieldDTO(paddleHeight: engine.snapshot.paddleHeight),
            controls: userID.map { setup.sides(of: $0) } ?? [], points: points, paused: isPaused, rated: setup.rated,
            pausesLeft: isRemote ? userID.map { timing.pausesPerPlayer - pausesUsed[$0, default: 0] } : nil,
            spectators: spectators.count, tournament: setup.tournament)
    }

    /// The spectator count is news at most every `spectatorNoticeInterval`: a crowd arriving (or a
    /// watch/unwatch flood) costs everyone one `spectators` event, not one per change.
    private func spectatorsChanged() {
        let count = spectators.count
        watcherCount.withLockedValue { $0 = count }
        guard !spectatorNoticeDue else { return }
        spectatorNoticeDue = true
        ownerLoop(preferring: createdOn).scheduleTask(in: Self.spectatorNoticeInterval) { [self] in
            onLoop(preferring: createdOn) { game in
                game.spectatorNoticeDue = false
                if case .over = game.state { return }
                game.broadcast(.spectators(count: game.spectators.count))
            }
        }
    }

    private func run() {
        timer?.cancel()
        timerDeadline = nil
        if case .paused = state { broadcast(.resumed) }
        state = .running
        countdown = timing.countdownTicks
        let ticker = tickers.ticker(for: ownerLoop(preferring: createdOn))
        self.ticker = ticker
        ticker.add(self)
    }

    private func pause(_ reason: PauseReason, by userID: UUID?) {
        ticker?.remove(self)
        state = .paused(reason, by: userID)
        let limit: TimeAmount = switch (isRemote, reason) {
        case (true, .player): timing.remotePause
        case (true, .disconnected): min(timing.remoteGrace, userID.map(graceLeft(for:)) ?? timing.remoteGrace)
        case (true, _): timing.remoteGrace
        case (false, .player): timing.pauseLimit
        case (false, _): timing.reconnectGrace
        }
        scheduleTimer(after: limit)
        broadcast(.paused(pauseEvent(reason, by: userID)))
        sendSnapshot()
    }

    private func pauseEvent(_ reason: PauseReason, by userID: UUID?) -> PausedEvent {
        let name = userID.flatMap { id in setup.side(of: id).map { setup.player($0).name } }
        // Waiting for the players who have not come yet.
        let waitingFor = reason == .waiting
            ? setup.participants.filter { connections[$0] == nil }.compactMap { id in setup.side(of: id).map { setup.player($0).name } }.first
            : nil
        let secondsLeft = timerDeadline.map { max(0, Int((($0 - .now()).nanoseconds + 999_999_999) / 1_000_000_000)) }
        return PausedEvent(reason: reason.rawValue, by: name ?? waitingFor, secondsLeft: isRemote ? secondsLeft : nil)
    }

    private func scheduleTimer(after delay: TimeAmount) {
        timer?.cancel()
        timerDeadline = .now() + delay
        timer = ownerLoop(preferring: createdOn).scheduleTask(in: delay) { [self] in timerFired() }
    }

    /// A pause, a wait for a player or a remote grace period ran out.
    private func timerFired() {
        switch state {
        case .over, .running: return
        case .waiting: nobodyCameBack()
        case let .paused(reason, by):
            guard isRemote else { return end(.abandoned) }
            if reason == .player { return run() }
            // Lost their connection and not back in time: the other wins, if they are still here.
            if let by { forfeitByAbsence(of: by) } else { end(.abandoned) }
        }
    }

    /// What is left of a player's grace for lost connections in this game.
    private func graceLeft(for userID: UUID) -> TimeAmount {
        timing.remoteGraceInTotal - awayInTotal[userID, default: .zero]
    }

    /// A player away past their grace: the other wins, if they are here.
    private func forfeitByAbsence(of userID: UUID) {
        if let side = setup.side(of: userID), let other = setup.player(side.opponent).userID, connections[other] != nil {
            end(.forfeit, winner: side.opponent, reason: .disconnected)
        } else {
            end(.abandoned)
        }
    }

    /// The start's wait ran out: in a remote game the player who came wins by forfeit.
    private func nobodyCameBack() {
        let present = setup.participants.filter { connections[$0] != nil }
        if setup.queuedSince != nil {
            // A stranger who never came: nothing is recorded against the one who did (unrated, no
            // win), and they go back to the front of the queue.
            end(.abandoned, reason: .noShow, noShows: setup.participants.filter { connections[$0] == nil })
        } else if isRemote, present.count == 1, let side = setup.side(of: present[0]) {
            end(.forfeit, winner: side, reason: .noShow)
        } else {
            end(.abandoned)
        }
    }

    /// To the players and everyone watching.
    private func broadcast(_ event: ServerEvent) {
        let text = event.json()
        for connection in connections.values { connection.send(json: text) }
        for spectator in spectators.values { spectator.send(json: text) }
    }

    private func end(_ status: Match.Status, winner: Side? = nil, reason: Match.EndReason? = nil, noShows: [UUID]? = nil) {
        if case .over = state { return }
        let players = Array(connections.values) + Array(spectators.values)
        let present = Array(connections.keys) // before finalOutcome lets go of the connections
        var ending = finalOutcome(status, winner: winner, reason: reason)
        ending.noShows = noShows
        ending.present = present
        let outcome = ending
        onEnd(outcome) { stored in
            let summary = GameSummaryDTO(outcome, stored: stored)
            for player in players { player.send(.over(summary)) }
        }
    }

    private func finalOutcome(_ status: Match.Status, winner forfeitWinner: Side?, reason: Match.EndReason?) -> GameOutcome {
        state = .over
        ticker?.remove(self)
        timer?.cancel()
        let snapshot = engine.snapshot
        var winner: Side?
        switch status {
        case .finished: if case let .finished(side) = snapshot.phase { winner = side }
        case .forfeit: winner = forfeitWinner
        case .abandoned, .live: winner = nil
        }
        let outcome = GameOutcome(
            setup: setup, status: status, leftScore: snapshot.leftScore, rightScore: snapshot.rightScore,
            winner: winner, points: points, longestRally: longestRally, totalHits: totalHits, endReason: reason,
            durationMilliseconds: snapshot.tick * 1000 / Field.ticksPerSecond)
        sendSnapshot()
        // "over" waits for the result to be stored (GameHub): a crash the instant the player sees it loses nothing.
        connections = [:]
        spectators = [:]
        watcherCount.withLockedValue { $0 = 0 }
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
            broadcast(.point(point))
        case .gameOver:
            end(.finished)
        case .serve, .wallBounce:
            break
        }
    }

    private func sendSnapshot(onlyTo newcomer: RealtimeConnection? = nil) {
        guard !connections.isEmpty || !spectators.isEmpty else { return }
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
        let tick = serverTick
        if let newcomer {
            return newcomer.sendBinary(size: SnapshotFrame.byteCount) { buffer in
                SnapshotFrame.write(snapshot, phase: phase, countdown: countdownLeft, serverTick: tick, lastInput: 0, into: &buffer)
            }
        }
        for (userID, connection) in connections {
            let lastInput = lastInputs[userID, default: 0]
            connection.sendBinary(size: SnapshotFrame.byteCount) { buffer in
                SnapshotFrame.write(snapshot, phase: phase, countdown: countdownLeft, serverTick: tick, lastInput: lastInput, into: &buffer)
            }
        }
        // Spectators get the same frame after the players, best effort: a watcher whose queue is full
        // misses frames (the next one replaces them) rather than holding anything up.
        for spectator in spectators.values {
            spectator.sendBinary(size: SnapshotFrame.byteCount, bestEffort: true) { buffer in
                SnapshotFrame.write(snapshot, phase: phase, countdown: countdownLeft, serverTick: tick, lastInput: 0, into: &buffer)
            }
        }
    }
}

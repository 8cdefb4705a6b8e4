import Foundation
import NIOCore
import PongCore

/// Waiting, running, paused and over: what moves a live game from one to the next (joins, pauses,
/// the timers of pauses and grace periods, forfeits), and how its end is handed over once.
extension LiveGame {
    var everyoneIsHere: Bool {
        setup.participants.allSatisfy { audience.players[$0] != nil }
    }

    func handleJoin(_ connection: RealtimeConnection) {
        if case .over = state { return connection.send(.error(.gameNotFound)) }
        let userID = connection.userID
        if let previous = audience.players[userID], previous !== connection {
            previous.send(.gameReplaced(GameReplacedEvent(game: setup.id)))
        }
        audience.players[userID] = connection
        absences.returned(userID)
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
    func description(for userID: UUID?) -> LiveGameDTO {
        let isPaused: Bool
        if case .paused = state { isPaused = true } else { isPaused = false }
        return LiveGameDTO(
            id: setup.id, mode: setup.mode, left: PlayerDTO(setup.left), right: PlayerDTO(setup.right),
            settings: userID.map { setup.settings(for: $0) } ?? setup.settings.withResolvedLook,
            field: FieldDTO(settings: engine.settings),
            controls: userID.map { setup.sides(of: $0) } ?? [], points: tally.points, paused: isPaused, rated: setup.rated,
            ratingNote: setup.ratingNote,
            pausesLeft: isRemote ? userID.map { timing.pausesPerPlayer - pausesUsed[$0, default: 0] } : nil,
            spectators: audience.spectators.count, tournament: setup.tournament)
    }

    /// The spectator count is news at most every `spectatorNoticeInterval`: a crowd arriving (or a
    /// watch/unwatch flood) costs everyone one `spectators` event, not one per change.
    func spectatorsChanged() {
        guard !spectatorNoticeDue else { return }
        spectatorNoticeDue = true
        ownerLoop(preferring: createdOn).scheduleTask(in: Self.spectatorNoticeInterval) { [self] in
            onLoop(preferring: createdOn) { game in
                game.spectatorNoticeDue = false
                if case .over = game.state { return }
                game.broadcast(.spectators(SpectatorsEvent(count: game.audience.spectators.count)))
            }
        }
    }

    func run() {
        timer?.cancel()
        timerDeadline = nil
        if case .paused = state { broadcast(.resumed()) }
        state = .running
        countdown = timing.countdownTicks
        let ticker = tickers.ticker(for: ownerLoop(preferring: createdOn))
        self.ticker = ticker
        ticker.add(self)
        // The countdown starts now: everyone's court shows it from this keyframe on.
        sendSnapshot()
    }

    func pause(_ reason: PauseReason, by userID: UUID?) {
        ticker?.remove(self)
        // A rewind never reaches back across a pause.
        guard settleOpenTicks(announcing: true) else { return }
        state = .paused(reason, by: userID)
        let limit: TimeAmount =
            switch (isRemote, reason) {
            case (true, .player): timing.remotePause
            case (true, .disconnected): min(timing.remoteGrace, userID.map(absences.graceLeft(for:)) ?? timing.remoteGrace)
            case (true, _): timing.remoteGrace
            case (false, .player): timing.pauseLimit
            case (false, _): timing.reconnectGrace
            }
        scheduleTimer(after: limit)
        broadcast(.paused(pauseEvent(reason, by: userID)))
        sendSnapshot()
    }

    func pauseEvent(_ reason: PauseReason, by userID: UUID?) -> PausedEvent {
        let name = userID.flatMap { id in setup.side(of: id).map { setup.player($0).name } }
        // Waiting for the players who have not come yet.
        let waitingFor =
            reason == .waiting
            ? setup.participants.filter { audience.players[$0] == nil }.compactMap { id in setup.side(of: id).map { setup.player($0).name }
            }.first
            : nil
        let secondsLeft = timerDeadline.map { max(0, Int((($0 - .now()).nanoseconds + 999_999_999) / 1_000_000_000)) }
        return PausedEvent(reason: reason.rawValue, by: name ?? waitingFor, secondsLeft: isRemote ? secondsLeft : nil)
    }

    func scheduleTimer(after delay: TimeAmount) {
        timer?.cancel()
        timerDeadline = .now() + delay
        timer = ownerLoop(preferring: createdOn).scheduleTask(in: delay) { [self] in timerFired() }
    }

    /// A pause, a wait for a player or a remote grace period ran out.
    func timerFired() {
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

    /// A player away past their grace: the other wins, if they are here.
    func forfeitByAbsence(of userID: UUID) {
        if let side = setup.side(of: userID), let other = setup.player(side.opponent).userID, audience.players[other] != nil {
            end(.forfeit, winner: side.opponent, reason: .disconnected)
        } else {
            end(.abandoned)
        }
    }

    /// The start's wait ran out: in a remote game the player who came wins by forfeit.
    func nobodyCameBack() {
        let present = setup.participants.filter { audience.players[$0] != nil }
        if isResumed {
            // Taken over after its instance died: nobody back is a game nobody can finish (unrated);
            // one back wins as if the other had lost their connection.
            if present.count == 1, let side = setup.side(of: present[0]) {
                end(.forfeit, winner: side, reason: .disconnected)
            } else {
                end(.abandoned)
            }
        } else if setup.queuedSince != nil {
            // A stranger who never came: nothing is recorded against the one who did (unrated, no
            // win), and they go back to the front of the queue.
            end(.abandoned, reason: .noShow, noShows: setup.participants.filter { audience.players[$0] == nil })
        } else if isRemote, present.count == 1, let side = setup.side(of: present[0]) {
            end(.forfeit, winner: side, reason: .noShow)
        } else {
            end(.abandoned)
        }
    }

    func broadcast(_ event: ServerEvent) {
        audience.broadcast(event)
    }

    func end(_ status: Match.Status, winner: Side? = nil, reason: Match.EndReason? = nil, noShows: [UUID]? = nil) {
        if case .over = state { return }
        let players = audience.everyone
        let present = Array(audience.players.keys) // before finalOutcome lets go of the connections
        var ending = finalOutcome(status, winner: winner, reason: reason)
        ending.noShows = noShows
        ending.present = present
        let outcome = ending
        onEnd(outcome) { stored in
            let summary = GameSummaryDTO(outcome, stored: stored)
            for player in players { player.send(.over(summary)) }
        }
    }

    func finalOutcome(_ status: Match.Status, winner forfeitWinner: Side?, reason: Match.EndReason?) -> GameOutcome {
        state = .over
        ticker?.remove(self)
        timer?.cancel()
        settleOpenTicks(announcing: false)
        let snapshot = engine.snapshot
        var winner: Side?
        switch status {
        case .finished: if case let .finished(side) = snapshot.phase { winner = side }
        case .forfeit: winner = forfeitWinner
        case .abandoned, .live: winner = nil
        }
        var outcome = tally.outcome(of: setup, status, winner: winner, reason: reason, at: snapshot)
        if isReplayable, !setup.isVisitorGame { outcome.inputLog = Data(play.log.encoded) }
        sendSnapshot()
        // "over" waits for the result to be stored (GameHub): a crash the instant the player sees it loses nothing.
        audience.dismiss()
        return outcome
    }
}

import Foundation
import NIOCore
import PongCore

/// The 60 Hz path: one engine step per tick (the AI steering the right paddle in an AI game),
/// the events it yields counted and told, and a keyframe to everyone connected when motion
/// changed (`KeyframeSchedule`); between keyframes every receiver computes the ticks itself.
extension LiveGame {
    /// The engine lent in place. Reading `play` through its methods straight from this class copied
    /// the whole struct for each call (the class can't lend its storage across a call), seven times a
    /// tick: at 5,000 games that was 5 % of the server. Only on the game's loop; `body` must not
    /// reach `play` any other way.
    @inline(__always)
    func withPlay<Result>(_ body: (inout RewindableGame) -> Result) -> Result {
        body(&play)
    }

    /// Called by the loop's ticker, 60 times a second while running.
    func tick() {
        advance()
        guard case .running = state else { return }
        if timing.streamsTruth { sendFrame(kind: .truth) }
        if keyframeDue() { sendSnapshot() }
    }

    /// Whether this tick's state is news: the start or end of the game clock's countdown (the
    /// court stands still during it), a heartbeat while it runs, or whatever the schedule calls
    /// motion once the engine runs.
    func keyframeDue() -> Bool {
        let frozen = countdown > 0
        guard !frozen, !sentFrozen else {
            return frozen != sentFrozen || serverTick - sentAtServerTick >= KeyframeSchedule.heartbeatTicks
        }
        return withPlay { play in
            keyframes.keyframe(after: play.game.snapshot, left: play.key(.left), right: play.key(.right), events: play.latestEvents)
        } != nil
    }

    func advance() {
        serverTick += 1
        if countdown > 0 {
            countdown -= 1
            return
        }
        let events = withPlay { play in
            if ai != nil {
                let snapshot = play.game.snapshot
                let key = ai!.input(atTick: snapshot.tick) { snapshot }
                if key != play.key(.right) { play.press(key, side: .right) }
            }
            return play.step()
        }
        // What a tick yields is final only once no late key can change it (`RewindableGame`).
        for event in events {
            record(event)
        }
    }

    /// A key change counted from the tick it was pressed at. Stamps are in server ticks (what the
    /// snapshots carry, countdowns included); the engine counts only the ticks it ran.
    func press(_ key: PaddleInput, side: Side, pressedAtServerTick stamp: Int?) {
        let engineStamp = stamp.map { $0 - (serverTick - play.tick) }
        play.press(key, side: side, pressedAt: engineStamp)
    }

    /// Counts an event that became final, in the state right after its tick.
    func record(_ event: PongEvent) {
        let state = withPlay { $0.finalState }
        if let point = tally.count(event, in: state) {
            broadcast(.point(point))
            if case .finished = state.phase {} else if isRemote { onCheckpoint?(checkpoint(at: state)) }
        }
        if case .gameOver = event { end(.finished) }
    }

    /// The game stops (a pause, a forfeit): what the last 150 ms yielded becomes final now, since no
    /// key pressed before the stop can arrive to change it any more. Returns false if that ended it.
    @discardableResult
    func settleOpenTicks(announcing: Bool) -> Bool {
        let events = play.settle()
        guard announcing else {
            for event in events { _ = tally.count(event, in: play.snapshot) }
            return true
        }
        for event in events { record(event) }
        if case .over = state { return false }
        return true
    }

    /// A keyframe of the present to everyone (`onlyTo`: to a newcomer, who has none yet).
    func sendSnapshot(onlyTo newcomer: RealtimeConnection? = nil) {
        if newcomer == nil {
            _ = withPlay { play in keyframes.keyframe(now: play.game.snapshot, left: play.key(.left), right: play.key(.right)) }
            sentFrozen = !isCourtMoving
            sentAtServerTick = serverTick
        }
        sendFrame(kind: .keyframe, onlyTo: newcomer)
    }

    /// The court moves only while the game runs and its countdown is over.
    var isCourtMoving: Bool {
        guard case .running = state else { return false }
        return countdown == 0
    }

    func sendFrame(kind: SnapshotFrame.Kind, onlyTo newcomer: RealtimeConnection? = nil) {
        guard !audience.isEmpty else { return }
        let (snapshot, left, right) = withPlay { ($0.game.snapshot, $0.key(.left), $0.key(.right)) }
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
        let keys = SnapshotFrame.Keys(left: left, right: right, frozen: !isCourtMoving)
        audience.sendSnapshot(
            snapshot, kind: kind, phase: phase, countdown: countdownLeft, keys: keys, serverTick: serverTick, onlyTo: newcomer)
    }
}

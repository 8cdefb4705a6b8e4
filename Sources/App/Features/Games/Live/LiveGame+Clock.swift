import Foundation
import NIOCore
import PongCore

/// The 60 Hz path: one engine step per tick (the AI steering the right paddle in an AI game),
/// the events it yields counted and told, and a snapshot to everyone connected.
extension LiveGame {
    /// Called by the loop's ticker, 60 times a second while running.
    func tick() {
        advance()
        guard case .running = state else { return }
        sendSnapshot()
    }

    func advance() {
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

    func record(_ event: PongEvent) {
        if let point = tally.count(event, in: engine.snapshot) {
            broadcast(.point(point))
            if !engine.isOver, isRemote { onCheckpoint?(checkpoint()) }
        }
        if case .gameOver = event { end(.finished) }
    }

    func sendSnapshot(onlyTo newcomer: RealtimeConnection? = nil) {
        guard !audience.isEmpty else { return }
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
        audience.sendSnapshot(snapshot, phase: phase, countdown: countdownLeft, serverTick: serverTick, onlyTo: newcomer)
    }
}

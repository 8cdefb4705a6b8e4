import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PongCore

/// Who is connected to one live game: each participant's joined tab and the spectators. It sends
/// them events and the 60 Hz snapshots; like the rest of the game it is touched only on the
/// game's loop, except `watching`, which the live-games list reads from anywhere.
struct GameAudience {
    /// Watchers per game: enough for a crowd, bounded so one game can't cost the server without end.
    static let spectatorLimit = 200

    /// The joined tab of each participant.
    var players: [UUID: RealtimeConnection] = [:]
    /// Each participant's newest input sequence, echoed in their snapshots.
    var lastInputs: [UUID: Int] = [:]
    /// Connections watching: they get every snapshot and event, and send nothing that counts.
    private(set) var spectators: [ObjectIdentifier: RealtimeConnection] = [:]
    private let watcherCount = NIOLockedValueBox(0)

    var isEmpty: Bool { players.isEmpty && spectators.isEmpty }
    /// Read off the loop by the live-games list.
    var watching: Int { watcherCount.withLockedValue { $0 } }
    var everyone: [RealtimeConnection] { Array(players.values) + Array(spectators.values) }

    /// False when the game already has as many spectators as it takes.
    mutating func addSpectator(_ connection: RealtimeConnection) -> Bool {
        guard spectators.count < Self.spectatorLimit else { return false }
        spectators[ObjectIdentifier(connection)] = connection
        watcherCount.withLockedValue { $0 = spectators.count }
        return true
    }

    /// False when it was not watching.
    mutating func removeSpectator(_ connection: RealtimeConnection) -> Bool {
        guard spectators.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return false }
        let count = spectators.count
        watcherCount.withLockedValue { $0 = count }
        return true
    }

    /// The game is over: nobody is sent anything more.
    mutating func dismiss() {
        players = [:]
        spectators = [:]
        watcherCount.withLockedValue { $0 = 0 }
    }

    /// To the players and everyone watching.
    func broadcast(_ event: ServerEvent) {
        let text = event.json()
        for connection in players.values { connection.send(json: text) }
        for spectator in spectators.values { spectator.send(json: text) }
    }

    /// One frame to each player (with their last input echoed), then to the spectators, best effort:
    /// a watcher whose queue is full misses frames (the next heartbeat catches them up) rather than
    /// holding anything up. With `onlyTo`, to that one newcomer only.
    func sendSnapshot(
        _ snapshot: PongSnapshot, kind: SnapshotFrame.Kind, phase: SnapshotFrame.Phase, countdown: Int,
        keys: SnapshotFrame.Keys, serverTick tick: Int, onlyTo newcomer: RealtimeConnection? = nil
    ) {
        let frame = SnapshotFrame.encode(snapshot, kind: kind, phase: phase, countdown: countdown, keys: keys, serverTick: tick)
        if kind == .keyframe { AppMetrics.snapshotsSent.increment(by: newcomer == nil ? players.count + spectators.count : 1) }
        if let newcomer {
            return newcomer.sendBinary(size: SnapshotFrame.byteCount) { SnapshotFrame.stamp(frame, lastInput: 0, into: &$0) }
        }
        for (userID, connection) in players {
            let lastInput = lastInputs[userID, default: 0]
            connection.sendBinary(size: SnapshotFrame.byteCount) { SnapshotFrame.stamp(frame, lastInput: lastInput, into: &$0) }
        }
        for spectator in spectators.values {
            spectator.sendBinary(size: SnapshotFrame.byteCount, bestEffort: true) { SnapshotFrame.stamp(frame, lastInput: 0, into: &$0) }
        }
    }
}

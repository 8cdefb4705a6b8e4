import Dispatch
import NIOConcurrencyHelpers
import NIOCore

/// The players' eyes: one timer per event loop and look interval, not one per player. A repeated
/// task per player cost the load generator a quarter of its time at 2,500 games (each one a
/// scheduled task copied and re-armed 20 times a second), time taken from the server beside it.
/// Players are spread over `phases` slots of the interval, so their key changes reach the server
/// spread out as real players' do, not in one burst.
final class LookClock: @unchecked Sendable {
    static let phases = 5

    private let eventLoop: any EventLoop
    private let step: TimeAmount
    private var slots = [[ObjectIdentifier: BenchPlayer]](repeating: [:], count: LookClock.phases)
    private var next = 0
    private var turn = 0
    private var task: RepeatedTask?

    private init(eventLoop: any EventLoop, interval: TimeAmount) {
        self.eventLoop = eventLoop
        step = .nanoseconds(interval.nanoseconds / Int64(Self.phases))
    }

    /// `player` looks every interval from now on, until `remove`. Any thread.
    func add(_ player: BenchPlayer) {
        eventLoop.execute { [self] in
            slots[next][ObjectIdentifier(player)] = player
            next = (next + 1) % Self.phases
            if task == nil {
                task = eventLoop.scheduleRepeatedTask(initialDelay: step, delay: step) { [self] _ in fire() }
            }
        }
    }

    func remove(_ player: BenchPlayer) {
        eventLoop.execute { [self] in
            for index in slots.indices { slots[index][ObjectIdentifier(player)] = nil }
        }
    }

    private func fire() {
        turn = (turn + 1) % Self.phases
        let now = DispatchTime.now().uptimeNanoseconds
        for player in slots[turn].values { player.look(at: now) }
    }

    private static let clocks = NIOLockedValueBox<[String: LookClock]>([:])

    /// The clock of this loop for this interval, made on first use.
    static func on(_ eventLoop: any EventLoop, every interval: TimeAmount) -> LookClock {
        clocks.withLockedValue { clocks in
            let key = "\(ObjectIdentifier(eventLoop).hashValue)/\(interval.nanoseconds)"
            if let clock = clocks[key] { return clock }
            let clock = LookClock(eventLoop: eventLoop, interval: interval)
            clocks[key] = clock
            return clock
        }
    }
}

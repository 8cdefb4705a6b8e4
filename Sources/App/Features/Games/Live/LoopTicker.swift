import NIOConcurrencyHelpers
import NIOCore

/// One 60 Hz clock per event loop for all the games that loop owns. A timer
/// per game would wake the loop 60 × N times a second. This one wakes it
/// `phases` times per tick and ticks one group of games each time, so every
/// game still ticks at exactly 60 Hz but snapshots leave in small, evenly
/// spread batches instead of one burst that clients must queue behind.
/// Deadlines are absolute, so the clock never drifts. Everything here runs
/// on `eventLoop`.
final class LoopTicker: @unchecked Sendable {
    static let phases = 8

    let eventLoop: any EventLoop
    private let step: TimeAmount
    private var groups = [[ObjectIdentifier: LiveGame]](repeating: [:], count: LoopTicker.phases)
    private var groupOf: [ObjectIdentifier: Int] = [:]
    private var nextGroup = 0
    private var origin = NIODeadline.now()
    private var steps: Int64 = 0
    private var task: Scheduled<Void>?
    private let lateness: TickLateness

    init(eventLoop: any EventLoop, interval: TimeAmount, lateness: TickLateness) {
        self.eventLoop = eventLoop
        self.lateness = lateness
        self.step = .nanoseconds(interval.nanoseconds / Int64(Self.phases))
    }

    func add(_ game: LiveGame) {
        eventLoop.preconditionInEventLoop()
        let id = ObjectIdentifier(game)
        guard groupOf[id] == nil else { return }
        groupOf[id] = nextGroup
        groups[nextGroup][id] = game
        nextGroup = (nextGroup + 1) % Self.phases
        if task == nil {
            origin = .now()
            steps = 0
            scheduleNext()
        }
    }

    func remove(_ game: LiveGame) {
        eventLoop.preconditionInEventLoop()
        let id = ObjectIdentifier(game)
        guard let group = groupOf.removeValue(forKey: id) else { return }
        groups[group][id] = nil
        if groupOf.isEmpty {
            task?.cancel()
            task = nil
        }
    }

    private func scheduleNext() {
        task = eventLoop.scheduleTask(deadline: origin + step * (steps + 1)) { [self] in fire() }
    }

    private func fire() {
        lateness.record(NIODeadline.now() - (origin + step * (steps + 1)))
        // Catch up a few ticks after a stall so game time tracks real time; after a
        // long one, restart the schedule rather than fast-forward every game.
        let elapsed = (NIODeadline.now() - origin).nanoseconds / step.nanoseconds
        var due = Int(elapsed - steps)
        if due > 4 * Self.phases {
            origin = .now() - step * (steps + 1)
            due = 1
        }
        for _ in 0..<max(due, 1) {
            steps += 1
            for game in groups[Int(steps % Int64(Self.phases))].values {
                game.tick()
            }
        }
        if groupOf.isEmpty {
            task = nil
        } else {
            scheduleNext()
        }
    }
}

/// The tickers, one per event loop, made on first use.
final class LoopTickers: Sendable {
    private let interval: TimeAmount
    let lateness = TickLateness()
    private let tickers = NIOLockedValueBox<[ObjectIdentifier: LoopTicker]>([:])

    init(interval: TimeAmount) {
        self.interval = interval
    }

    func ticker(for eventLoop: any EventLoop) -> LoopTicker {
        tickers.withLockedValue { tickers in
            if let ticker = tickers[ObjectIdentifier(eventLoop)] { return ticker }
            let ticker = LoopTicker(eventLoop: eventLoop, interval: interval, lateness: lateness)
            tickers[ObjectIdentifier(eventLoop)] = ticker
            return ticker
        }
    }
}

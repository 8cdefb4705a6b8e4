import NIOConcurrencyHelpers
import NIOCore

/// One 60 Hz clock per event loop for all the games that loop owns. A timer
/// per game would wake the loop 60 × N times a second; this wakes it 60 times
/// and ticks every game in one pass, on absolute deadlines so it never drifts.
/// Everything here runs on `eventLoop`.
final class LoopTicker: @unchecked Sendable {
    let eventLoop: any EventLoop
    private let interval: TimeAmount
    private var games: [ObjectIdentifier: LiveGame] = [:]
    private var origin = NIODeadline.now()
    private var ticks: Int64 = 0
    private var task: Scheduled<Void>?

    init(eventLoop: any EventLoop, interval: TimeAmount) {
        self.eventLoop = eventLoop
        self.interval = interval
    }

    func add(_ game: LiveGame) {
        eventLoop.preconditionInEventLoop()
        games[ObjectIdentifier(game)] = game
        if task == nil {
            origin = .now()
            ticks = 0
            scheduleNext()
        }
    }

    func remove(_ game: LiveGame) {
        eventLoop.preconditionInEventLoop()
        games[ObjectIdentifier(game)] = nil
        if games.isEmpty {
            task?.cancel()
            task = nil
        }
    }

    private func scheduleNext() {
        task = eventLoop.scheduleTask(deadline: origin + interval * (ticks + 1)) { [self] in fire() }
    }

    private func fire() {
        // Catch up a few ticks after a stall so game time tracks real time; after a
        // long one, restart the schedule rather than fast-forward every game.
        let elapsed = (NIODeadline.now() - origin).nanoseconds / interval.nanoseconds
        var due = Int(elapsed - ticks)
        if due > 4 {
            origin = .now() - interval * (ticks + 1)
            due = 1
        }
        due = max(due, 1)
        ticks += Int64(due)
        for game in games.values {
            game.tick(steps: due)
        }
        if games.isEmpty {
            task = nil
        } else {
            scheduleNext()
        }
    }
}

/// The tickers, one per event loop, made on first use.
final class LoopTickers: Sendable {
    private let interval: TimeAmount
    private let tickers = NIOLockedValueBox<[ObjectIdentifier: LoopTicker]>([:])

    init(interval: TimeAmount) {
        self.interval = interval
    }

    func ticker(for eventLoop: any EventLoop) -> LoopTicker {
        tickers.withLockedValue { tickers in
            if let ticker = tickers[ObjectIdentifier(eventLoop)] { return ticker }
            let ticker = LoopTicker(eventLoop: eventLoop, interval: interval)
            tickers[ObjectIdentifier(eventLoop)] = ticker
            return ticker
        }
    }
}

/// Every key change of a game, both sides, at the tick it counted from: with the settings and the
/// seed, all a replay needs (the engine is deterministic, so the game re-simulates bit for bit).
///
/// A change at tick `t` holds from the step that makes tick `t` on (`RewindableGame.press`), so a
/// replay applies the changes of tick `t` and then steps. Changes are kept in the order they were
/// counted; `entries` is that order sorted by tick (stable: one side's changes at the same tick
/// keep their order, and the last one holds).
public struct InputLog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let tick: Int
        public let side: Side
        public let key: PaddleInput

        public init(tick: Int, side: Side, key: PaddleInput) {
            self.tick = tick
            self.side = side
            self.key = key
        }
    }

    /// As counted: a rewound change lands behind changes of the other side counted after it.
    private var counted: [Entry] = []
    /// The tick the game stopped at (a forfeit stops it before the engine's end).
    public var endTick = 0

    public init() {}

    public init(entries: [Entry], endTick: Int) {
        counted = entries
        self.endTick = endTick
    }

    public var entries: [Entry] {
        counted.enumerated().sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }.map(\.element)
    }

    public var count: Int { counted.count }

    public mutating func append(_ key: PaddleInput, side: Side, at tick: Int) {
        counted.append(Entry(tick: tick, side: side, key: key))
    }

    /// A game taken over from a checkpoint after tick `tick`: what was counted later was lost with
    /// the instance that played it, and the new instance starts with both keys released.
    public mutating func resume(after tick: Int) {
        counted = entries.filter { $0.tick <= tick }
        for side in [Side.left, .right] {
            let held = counted.last { $0.side == side }?.key ?? .none
            if held != .none { counted.append(Entry(tick: tick + 1, side: side, key: .none)) }
        }
    }
}

/// What a replay shows: the game re-simulated from its log.
public struct Replay: Sendable {
    /// A keyframe at every tick motion changed (the network's schedule, heartbeats included), the
    /// first at tick 0 and the last at the end: `Keyframe.state(atTick:)` gives any tick between.
    public let keyframes: [Keyframe]
    /// One point: when, who, and the score after it.
    public struct Point: Sendable, Equatable {
        public let tick: Int
        public let scorer: Side
        public let leftScore: Int
        public let rightScore: Int
    }

    /// Every point, in order.
    public let points: [Point]
    /// The state the replay stops at.
    public let final: PongSnapshot

    /// Plays `log` from the start of a game with these settings and seed.
    public init(settings: PongSettings, seed: UInt64, log: InputLog) {
        var game = PongGame(settings: settings, seed: seed)
        var schedule = KeyframeSchedule()
        var keyframes = [schedule.keyframe(now: game.snapshot, left: .none, right: .none)]
        var points: [Point] = []
        var left = PaddleInput.none
        var right = PaddleInput.none
        var changes = log.entries[...]
        var tick = game.snapshot.tick
        while tick < log.endTick, !game.isOver {
            tick += 1
            while let change = changes.first, change.tick <= tick {
                if change.side == .left { left = change.key } else { right = change.key }
                changes.removeFirst()
            }
            let events = game.step(left: left, right: right)
            for case let .point(scorer, _) in events {
                let state = game.snapshot
                points.append(Point(tick: state.tick, scorer: scorer, leftScore: state.leftScore, rightScore: state.rightScore))
            }
            if let frame = schedule.keyframe(after: game.snapshot, left: left, right: right, events: events) {
                keyframes.append(frame)
            }
        }
        if keyframes.last?.state.tick != game.snapshot.tick {
            keyframes.append(schedule.keyframe(now: game.snapshot, left: left, right: right))
        }
        self.keyframes = keyframes
        self.points = points
        final = game.snapshot
    }
}

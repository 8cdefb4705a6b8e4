/// A game that counts a key change at the tick it was pressed, not the tick it arrived.
///
/// A remote player's key reaches the server half a round trip after they pressed it. Each key
/// change carries the player's estimate of the server tick it was pressed at; if that tick is at
/// most `maximumRewind` ticks in the past, the game goes back to it and plays the ticks since
/// again with the key held from then (the engine is deterministic and cheap, so a rewind of 9
/// ticks costs microseconds). Older than that, the key counts from the next tick, as if it had
/// just been pressed: a lag switch gains nothing past 150 ms. A tick in the future is the next
/// tick (nobody presses early). A player's own changes stay in order: a change is never placed
/// before one of theirs already counted. Both players get the same rule.
///
/// A rewind may undo what the last ticks did — a point becomes a return — so events are final
/// only once they are older than the rewind window: `step()` returns the events of the tick that
/// just left it (9 ticks, 150 ms, after they happened), and `snapshot` is the present, provisional
/// state to draw.
public struct RewindableGame: Sendable {
    /// 150 ms at 60 ticks a second.
    public static let maximumRewind = 9

    /// One tick still open to a rewind: the game before it, the keys it used, what it yielded.
    @usableFromInline
    struct Tick: Sendable {
        @usableFromInline var before: PongGame
        @usableFromInline var left: PaddleInput
        @usableFromInline var right: PaddleInput
        @usableFromInline var events: [PongEvent]
    }

    public private(set) var game: PongGame
    /// The ticks this game has run (the engine's own count stops when it is over; this one does not).
    public private(set) var tick = 0
    /// The open ticks in a ring of `maximumRewind` slots, reused tick after tick: a server runs
    /// thousands of games at 60 Hz, and shifting an array or allocating per tick shows up there.
    @usableFromInline var ring: [Tick] = []
    /// The slot of the oldest open tick, and how many are open.
    @usableFromInline var head = 0
    @usableFromInline var openCount = 0
    @usableFromInline var left = PaddleInput.none
    @usableFromInline var right = PaddleInput.none
    /// The tick each side's last change counted from.
    private var lastLeftChange = 0
    private var lastRightChange = 0
    /// Every change, at the tick it counted from: the game's replay.
    private var recorded: InputLog

    /// `log`: the changes of the game so far, when it goes on from a checkpoint.
    public init(_ game: PongGame, log: InputLog = InputLog()) {
        self.game = game
        tick = game.snapshot.tick
        recorded = log
        ring.reserveCapacity(Self.maximumRewind)
    }

    /// The changes so far, ending at the present tick.
    public var log: InputLog {
        var log = recorded
        log.endTick = tick
        return log
    }

    /// The ring slot of the `index`-th open tick, oldest first.
    @inlinable
    func slot(_ index: Int) -> Int { (head + index) % Self.maximumRewind }

    @inlinable
    public var snapshot: PongSnapshot { game.snapshot }

    /// The state after the tick whose events `step()` last made final (the present one once settled):
    /// what a point's record and a checkpoint are taken from, not the provisional present.
    @inlinable
    public var finalState: PongSnapshot { openCount > 0 ? ring[head].before.snapshot : game.snapshot }

    /// The serve generator in `finalState`'s game: what a checkpoint of that state keeps.
    public var finalRandomState: UInt64 { openCount > 0 ? ring[head].before.randomState : game.randomState }

    /// The events of the tick just run, provisional (a rewind may still change them): what makes a
    /// keyframe, never what is recorded.
    @inlinable
    public var latestEvents: [PongEvent] { openCount > 0 ? ring[slot(openCount - 1)].events : [] }

    /// The keys held now, counted from the next tick.
    @inlinable
    public func key(_ side: Side) -> PaddleInput { side == .left ? left : right }

    /// Where a change stamped `pressedAt` counts from: its own tick within the window, the next
    /// tick past it or from the future, never before the same player's last change.
    public func countedTick(for side: Side, pressedAt stamp: Int?) -> Int {
        let next = tick + 1
        guard let stamp, stamp < next, next - stamp <= Self.maximumRewind else { return next }
        return max(stamp, side == .left ? lastLeftChange : lastRightChange, next - openCount)
    }

    /// `side` holds `key` from the tick it was pressed at (see `countedTick`). Returns that tick.
    @discardableResult
    public mutating func press(_ key: PaddleInput, side: Side, pressedAt stamp: Int? = nil) -> Int {
        let from = countedTick(for: side, pressedAt: stamp)
        recorded.append(key, side: side, at: from)
        if side == .left {
            lastLeftChange = from
            left = key
        } else {
            lastRightChange = from
            right = key
        }
        let firstRerun = openCount - (tick + 1 - from)
        guard firstRerun < openCount else { return from }
        // Back to the tick it was pressed at, and every tick since again with the key held.
        game = ring[slot(firstRerun)].before
        for index in firstRerun..<openCount {
            let at = slot(index)
            if side == .left { ring[at].left = key } else { ring[at].right = key }
            ring[at].before = game
            ring[at].events = game.step(left: ring[at].left, right: ring[at].right)
        }
        return from
    }

    /// Runs one tick with the keys held and returns the events that became final: those of the tick
    /// that just left the rewind window.
    public mutating func step() -> [PongEvent] {
        var settled: [PongEvent] = []
        if openCount == Self.maximumRewind {
            settled = ring[head].events
            head = (head + 1) % Self.maximumRewind
            openCount -= 1
        }
        let before = game
        let events = game.step(left: left, right: right)
        tick += 1
        let opened = Tick(before: before, left: left, right: right, events: events)
        let at = slot(openCount)
        if at < ring.count { ring[at] = opened } else { ring.append(opened) }
        openCount += 1
        return settled
    }

    /// The events still open to a rewind, made final now (the game stops: a forfeit, a shutdown).
    public mutating func settle() -> [PongEvent] {
        let events = (0..<openCount).flatMap { ring[slot($0)].events }
        ring.removeAll(keepingCapacity: true)
        head = 0
        openCount = 0
        return events
    }

    /// The keys each tick still open to a rewind used, oldest first (for tests and replays).
    public var openKeys: [(left: PaddleInput, right: PaddleInput)] {
        (0..<openCount).map { (ring[slot($0)].left, ring[slot($0)].right) }
    }
}

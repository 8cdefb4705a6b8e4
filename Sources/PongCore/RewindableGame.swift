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
    private struct Tick: Sendable {
        var before: PongGame
        var left: PaddleInput
        var right: PaddleInput
        var events: [PongEvent]
    }

    public private(set) var game: PongGame
    /// The ticks this game has run (the engine's own count stops when it is over; this one does not).
    public private(set) var tick = 0
    private var open: [Tick] = []
    private var left = PaddleInput.none
    private var right = PaddleInput.none
    /// The tick each side's last change counted from.
    private var lastChange: [Side: Int] = [:]

    public init(_ game: PongGame) {
        self.game = game
        tick = game.snapshot.tick
    }

    public var snapshot: PongSnapshot { game.snapshot }

    /// The state after the tick whose events `step()` last made final (the present one once settled):
    /// what a point's record and a checkpoint are taken from, not the provisional present.
    public var finalState: PongSnapshot { open.first?.before.snapshot ?? game.snapshot }

    /// The events of the tick just run, provisional (a rewind may still change them): what makes a
    /// keyframe, never what is recorded.
    public var latestEvents: [PongEvent] { open.last?.events ?? [] }

    /// The keys held now, counted from the next tick.
    public func key(_ side: Side) -> PaddleInput { side == .left ? left : right }

    /// Where a change stamped `pressedAt` counts from: its own tick within the window, the next
    /// tick past it or from the future, never before the same player's last change.
    public func countedTick(for side: Side, pressedAt stamp: Int?) -> Int {
        let next = tick + 1
        guard let stamp, stamp < next, next - stamp <= Self.maximumRewind else { return next }
        return max(stamp, lastChange[side] ?? 0, next - open.count)
    }

    /// `side` holds `key` from the tick it was pressed at (see `countedTick`). Returns that tick.
    @discardableResult
    public mutating func press(_ key: PaddleInput, side: Side, pressedAt stamp: Int? = nil) -> Int {
        let from = countedTick(for: side, pressedAt: stamp)
        lastChange[side] = from
        if side == .left { left = key } else { right = key }
        let firstRerun = open.count - (tick + 1 - from)
        guard firstRerun < open.count else { return from }
        // Back to the tick it was pressed at, and every tick since again with the key held.
        game = open[firstRerun].before
        for index in firstRerun..<open.count {
            if side == .left { open[index].left = key } else { open[index].right = key }
            open[index].before = game
            open[index].events = game.step(left: open[index].left, right: open[index].right)
        }
        return from
    }

    /// Runs one tick with the keys held and returns the events that became final: those of the tick
    /// that just left the rewind window.
    public mutating func step() -> [PongEvent] {
        let before = game
        let events = game.step(left: left, right: right)
        tick += 1
        open.append(Tick(before: before, left: left, right: right, events: events))
        guard open.count > Self.maximumRewind else { return [] }
        return open.removeFirst().events
    }

    /// The events still open to a rewind, made final now (the game stops: a forfeit, a shutdown).
    public mutating func settle() -> [PongEvent] {
        defer { open.removeAll() }
        return open.flatMap(\.events)
    }

    /// The keys each tick still open to a rewind used, oldest first (for tests and replays).
    public var openKeys: [(left: PaddleInput, right: PaddleInput)] { open.map { ($0.left, $0.right) } }
}

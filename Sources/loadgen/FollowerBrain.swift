import PongCore

/// The fairness benchmark's player: `ReferencePlayer`'s rule (pongbench's ball follower with a
/// person's 150 ms reaction) playing over a real socket, as a browser would. It keeps the server's
/// clock (the least-delayed keyframe of the last 2 s, plus half the lowest round trip), looks at
/// the court 60 times a second on its own clock, sees the ball as it was 9 ticks before the present
/// (its reaction) rebuilt from the keyframes, predicts its own paddle from its own keys, and stamps
/// each key with the tick it is pressed at (or not, to show what the stamp buys).
struct FollowerBrain: Sendable {
    /// A keyframe as the wire has it: the server tick, the court's state, the keys held.
    struct Frame: Sendable {
        let tick: Int
        let phase: UInt8
        let keys: UInt8
        let lastInput: Int
        let state: PongSnapshot
    }

    static let reactionTicks = 9
    static let period = 1e9 / Double(Field.ticksPerSecond)
    private static let window: UInt64 = 2_000_000_000

    let stamped: Bool
    /// Ticks added to every stamp (a diagnosis of the benchmark: what a clock off by that much costs).
    var stampShift = 0
    var side: Side = .left
    private(set) var frames: [Frame] = []
    private var offsets: [(at: UInt64, offset: Double)] = []
    private var roundTrips: [Double] = []
    /// My key changes not yet acknowledged by a keyframe: (sequence, tick pressed at, key).
    private var pending: [(sequence: Int, tick: Int, key: PaddleInput)] = []
    private(set) var key = PaddleInput.none
    private(set) var sequence = 0
    /// Balls this player returned (paddle hits on its side), counted from the keyframes.
    private(set) var returns = 0
    private var lastRally = 0

    init(stamped: Bool) {
        self.stamped = stamped
    }

    mutating func received(_ frame: Frame, at now: UInt64) {
        if let last = frames.last, frame.tick < last.tick { frames.removeAll() }
        frames.append(frame)
        if frames.count > 64 { frames.removeFirst(frames.count - 64) }
        pending.removeAll { $0.sequence <= frame.lastInput }
        // The ball leaves my paddle: a return (the rally counts one more hit, moving away from me).
        let rally = frame.state.rally
        let away = side == .left ? frame.state.ballVX > 0 : frame.state.ballVX < 0
        if rally > lastRally, away, frame.phase == 1 { returns += rally - lastRally }
        lastRally = rally
        guard frame.phase <= 1 else { return offsets.removeAll() } // paused or over: the clock stops
        offsets.append((now, Double(now) - Double(frame.tick) * Self.period))
        while let first = offsets.first, first.at + Self.window < now, offsets.count > 1 { offsets.removeFirst() }
    }

    /// With the server's truth stream on (GAME_TRUTH_STREAM=1): how far this player's clock puts the
    /// present ahead of each true tick as it arrives (the one-way delay in ticks if the clock is right).
    private(set) var clockLead: (sum: Double, count: Int) = (0, 0)

    mutating func truth(tick: Int, at now: UInt64) {
        guard let present = presentTick(at: now) else { return }
        clockLead.sum += present - Double(tick)
        clockLead.count += 1
    }

    mutating func roundTrip(milliseconds: Double) {
        roundTrips.append(milliseconds)
        if roundTrips.count > 8 { roundTrips.removeFirst() }
    }

    /// The server tick being simulated at local time `now`, or nil before any keyframe.
    func presentTick(at now: UInt64) -> Double? {
        guard let schedule = offsets.map(\.offset).min() else { return nil }
        let oneWay = (roundTrips.min() ?? 0) / 2 * 1e6
        return (Double(now) - schedule + oneWay) / Self.period
    }

    /// A look at the court: the input message to send, if the key changes.
    mutating func look(at now: UInt64) -> String? {
        guard let present = presentTick(at: now).map({ Int($0) }), let latest = frames.last, latest.phase <= 1 else { return nil }
        let seen = state(at: present - Self.reactionTicks)
        let centre = ownPaddle(at: present, from: latest) + latest.state.paddleHeight / 2
        var target = Field.height / 2
        if let seen, case .playing = seen.phase, (seen.ballVX < 0) == (side == .left) { target = seen.ballY }
        let wanted: PaddleInput = target < centre - 8 ? .up : target > centre + 8 ? .down : .none
        guard wanted != key else { return nil }
        key = wanted
        sequence += 1
        let pressedAt = present + 1
        pending.append((sequence, pressedAt, wanted))
        let stamp = stamped ? #","tick":\#(pressedAt + stampShift)"# : ""
        return #"{"t":"input","d":{"seq":\#(sequence),"side":"\#(side.rawValue)","key":"\#(wanted.rawValue)"\#(stamp)}}"#
    }

    /// The court at `tick`, carried on from the keyframe before it (nil before any).
    func state(at tick: Int) -> PongSnapshot? {
        guard let frame = frames.last(where: { $0.tick <= tick }) ?? frames.first else { return nil }
        return Self.carried(frame, to: tick)
    }

    static func carried(_ frame: Frame, to tick: Int) -> PongSnapshot {
        guard frame.keys & 16 == 0, frame.phase <= 1 else { return frame.state }
        // The frame's state is numbered in server ticks (`Frame.tick`), so is `tick`.
        return Keyframe(state: frame.state, leftInput: key(frame.keys & 3), rightInput: key(frame.keys >> 2 & 3))
            .state(atTick: tick)
    }

    static func key(_ bits: UInt8) -> PaddleInput {
        bits == 1 ? .up : bits == 2 ? .down : .none
    }

    /// My paddle at `present`: the keyframe's, moved with the key it held and then with each key
    /// I pressed since that the server has not acknowledged yet, from the tick I pressed it at.
    private func ownPaddle(at present: Int, from frame: Frame) -> Double {
        var y = frame.state.paddleY(side)
        guard frame.keys & 16 == 0 else { return y }
        var held = Self.key(side == .left ? frame.keys & 3 : frame.keys >> 2 & 3)
        let bottom = Field.height - frame.state.paddleHeight
        var tick = frame.tick
        while tick < present {
            tick += 1
            if let press = pending.last(where: { $0.tick <= tick }) { held = press.key }
            y = min(max(y + held.direction * Field.paddleSpeed, 0), bottom)
        }
        return y
    }
}

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
    /// My last key changes: (sequence, tick pressed at, key).
    private var presses: [(sequence: Int, tick: Int, key: PaddleInput)] = []
    private(set) var key = PaddleInput.none
    private(set) var sequence = 0

    init(stamped: Bool) {
        self.stamped = stamped
    }

    mutating func received(_ frame: Frame, at now: UInt64) {
        if let last = frames.last, frame.tick < last.tick { frames.removeAll() }
        frames.append(frame)
        if frames.count > 64 { frames.removeFirst(frames.count - 64) }
        reconcile(with: frame)
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

    /// A key change: its sequence number, the key, and the tick it is stamped with (nil: unstamped).
    struct Press: Sendable {
        let sequence: Int
        let key: PaddleInput
        let stamp: Int?
    }

    /// A look at the court: the input message to send, if the key changes.
    mutating func look(at now: UInt64) -> String? {
        guard let press = decide(at: now) else { return nil }
        let stamp = press.stamp.map { #","tick":\#($0)"# } ?? ""
        return #"{"t":"input","d":{"seq":\#(press.sequence),"side":"\#(side.rawValue)","key":"\#(press.key.rawValue)"\#(stamp)}}"#
    }

    /// A look at the court: the key change to make, if any.
    mutating func decide(at now: UInt64) -> Press? {
        guard let present = presentTick(at: now).map({ Int($0) }), let latest = frames.last, latest.phase <= 1 else { return nil }
        let seen = state(at: present - Self.reactionTicks)
        guard let own = ownPaddle(at: present) else { return nil }
        let centre = own + latest.state.paddleHeight / 2
        var target = Field.height / 2
        if let seen, case .playing = seen.phase, (seen.ballVX < 0) == (side == .left) { target = seen.ballY }
        let wanted: PaddleInput = target < centre - 8 ? .up : target > centre + 8 ? .down : .none
        guard wanted != key else { return nil }
        key = wanted
        sequence += 1
        let pressedAt = present + 1
        presses.append((sequence, pressedAt, wanted))
        if presses.count > 32 { presses.removeFirst() }
        return Press(sequence: sequence, key: wanted, stamp: stamped ? pressedAt + stampShift : nil)
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

    /// My paddle at `present`, predicted as the game screen does (`prediction.js`): moved tick by
    /// tick with my own keys from the ticks I pressed them at, and set to the server's paddle only
    /// once a keyframe has every key I sent. Carrying the newest keyframe on
    /// instead is wrong by the ticks between a key's stamp and its arrival: at 120 ms, with keys
    /// pressed faster than they arrive, no keyframe has them all.
    mutating func ownPaddle(at present: Int) -> Double? {
        guard var own = anchor else { return nil }
        while own.tick < present {
            own.tick += 1
            if let press = presses.last(where: { $0.tick <= own.tick }), press.tick > own.since { own.key = press.key }
            own.y = min(max(own.y + own.key.direction * Field.paddleSpeed, 0), Field.height - own.height)
        }
        anchor = own
        return own.y
    }

    /// Where the prediction stands: my paddle's `y` at `tick`, the key it moves with, counted from
    /// presses after `since`.
    private var anchor: (tick: Int, y: Double, key: PaddleInput, since: Int, height: Double)?

    /// A keyframe sets the prediction when it can be trusted: the first one, while the court stands
    /// still, or once it has every key I sent (the server counted them all by its tick, so from
    /// there my paddle moves with the key it shows). The game screen also waits for a still paddle,
    /// since it draws between ticks; this player thinks in ticks.
    private mutating func reconcile(with frame: Frame) {
        let still = frame.keys & 16 != 0 || frame.phase > 1
        let shown = still ? PaddleInput.none : Self.key(side == .left ? frame.keys & 3 : frame.keys >> 2 & 3)
        var y = frame.state.paddleY(side)
        var held = shown
        if !still, let late = presses.first(where: { $0.sequence > frame.lastInput }), late.tick <= frame.tick {
            // Keys I pressed by the frame's tick that it has not counted yet: move its paddle as they
            // will once they arrive (from their stamps) instead of as the keys it counted so far.
            for tick in late.tick...frame.tick {
                let counted = presses.last { $0.sequence <= frame.lastInput && $0.tick <= tick }?.key ?? shown
                let mine = presses.last { $0.tick <= tick }?.key ?? shown
                y += (mine.direction - counted.direction) * Field.paddleSpeed
            }
            y = min(max(y, 0), Field.height - frame.state.paddleHeight)
            held = presses.last { $0.tick <= frame.tick }?.key ?? shown
        }
        anchor = (frame.tick, y, held, frame.tick, frame.state.paddleHeight)
    }
}

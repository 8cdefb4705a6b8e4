/// What the server sends when motion changes: the state after a tick and the keys each player
/// held in it. Until the next keyframe everything follows from this one, so a client (or a
/// replay) rebuilds any tick in between with `state(atTick:)` instead of receiving it.
public struct Keyframe: Sendable, Equatable, Codable {
    public var state: PongSnapshot
    public var leftInput: PaddleInput
    public var rightInput: PaddleInput

    public init(state: PongSnapshot, leftInput: PaddleInput, rightInput: PaddleInput) {
        self.state = state
        self.leftInput = leftInput
        self.rightInput = rightInput
    }

    /// The state at `tick`, assuming what the schedule guarantees until the next keyframe: the
    /// same keys held, no paddle contact, no serve and no point. Ticks before the keyframe's
    /// give the keyframe's own state; a finished game does not move.
    public func state(atTick tick: Int) -> PongSnapshot {
        var snapshot = state
        if case .finished = snapshot.phase { return snapshot }
        while snapshot.tick < tick {
            snapshot.coast(left: leftInput, right: rightInput)
        }
        return snapshot
    }
}

extension PongSnapshot {
    /// One tick of `PongGame.step` without the events that make a keyframe: paddles move, the
    /// serve countdown runs (the serve itself arrives as a keyframe, its slope is the server's
    /// secret), the ball flies and bounces off the walls with the engine's own arithmetic.
    mutating func coast(left: PaddleInput, right: PaddleInput) {
        tick += 1
        leftPaddleY = movedPaddle(leftPaddleY, left)
        rightPaddleY = movedPaddle(rightPaddleY, right)
        switch phase {
        case let .serving(towards, ticksLeft):
            if ticksLeft > 1 { phase = .serving(towards: towards, ticksLeft: ticksLeft - 1) }
        case .playing:
            var remaining = 1.0
            for _ in 0..<8 where remaining > 0 {
                guard let (time, _) = nextContact(within: remaining, includingPaddles: false) else {
                    moveBall(for: remaining)
                    break
                }
                moveBall(for: time)
                remaining -= time
                ballVY = -ballVY
            }
        case .finished:
            break
        }
    }
}

/// Which ticks the server sends. A keyframe goes out when motion changes in a way the receiver
/// cannot compute: a key pressed or released, a serve, a paddle hit, a point, the end. A wall
/// bounce is not one of them (the path between paddles is deterministic and `coast` follows it).
/// Beside the events, the schedule carries the last keyframe on as a receiver does and sends a
/// new one whenever the engine's state has left that path for any reason (a late key re-simulated
/// by a rewind corrects what was sent). A heartbeat every `heartbeatTicks` catches up a receiver
/// that lost or is missing one.
public struct KeyframeSchedule: Sendable {
    /// 500 ms at 60 ticks a second.
    public static let heartbeatTicks = 30
    /// How far the engine may be from the carried-on keyframe before that is news (field units):
    /// the reconstruction is exact to rounding, so anything above rounding is a real change.
    public static let tolerance = 1e-6

    public private(set) var last: Keyframe?
    /// The last keyframe carried on to the newest tick seen: what every receiver computes now.
    private var carried: PongSnapshot?

    public init() {}

    /// After a tick of the engine: the keyframe to send, or nil when the last one still tells it.
    public mutating func keyframe(
        after snapshot: PongSnapshot, left: PaddleInput, right: PaddleInput, events: [PongEvent]
    ) -> Keyframe? {
        let frame = Keyframe(state: snapshot, leftInput: left, rightInput: right)
        guard let last, var carried else { return keyframe(now: snapshot, left: left, right: right) }
        if case .finished = carried.phase {
        } else {
            while carried.tick < snapshot.tick { carried.coast(left: last.leftInput, right: last.rightInput) }
        }
        self.carried = carried
        let motionChanged =
            left != last.leftInput || right != last.rightInput
            || events.contains { if case .wallBounce = $0 { false } else { true } }
            || !carried.isClose(to: snapshot, within: Self.tolerance)
        guard motionChanged || snapshot.tick - last.state.tick >= Self.heartbeatTicks else { return nil }
        self.last = frame
        self.carried = snapshot
        return frame
    }

    /// A keyframe whatever the tick (a pause, a resume, a newcomer who needs the present state).
    public mutating func keyframe(now snapshot: PongSnapshot, left: PaddleInput, right: PaddleInput) -> Keyframe {
        let frame = Keyframe(state: snapshot, leftInput: left, rightInput: right)
        last = frame
        carried = snapshot
        return frame
    }
}

extension PongSnapshot {
    /// The same moment of the same game to within `tolerance` field units.
    func isClose(to other: PongSnapshot, within tolerance: Double) -> Bool {
        tick == other.tick && phase == other.phase && leftScore == other.leftScore && rightScore == other.rightScore
            && rally == other.rally && paddleHeight == other.paddleHeight
            && abs(ballX - other.ballX) <= tolerance && abs(ballY - other.ballY) <= tolerance
            && abs(ballVX - other.ballVX) <= tolerance && abs(ballVY - other.ballVY) <= tolerance
            && abs(leftPaddleY - other.leftPaddleY) <= tolerance && abs(rightPaddleY - other.rightPaddleY) <= tolerance
    }
}

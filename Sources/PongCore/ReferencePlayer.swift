/// A yardstick for the AI: it sees every frame (the AI may look once a second)
/// and follows the ball, `lag` ticks late. Lag 0 is a perfect tracker; lag 9
/// (150 ms, a person's reaction time) is the "ball follower" the AI levels are tuned against.
public struct ReferencePlayer: Sendable {
    public let side: Side
    public let lag: Int
    private var history: [PongSnapshot] = []

    public init(side: Side, lag: Int) {
        self.side = side
        self.lag = lag
    }

    public mutating func input(_ snapshot: PongSnapshot) -> PaddleInput {
        history.append(snapshot)
        if history.count > lag + 1 { history.removeFirst() }
        let seen = history[0]
        let centre = snapshot.paddleY(side) + snapshot.paddleHeight / 2
        var target = Field.height / 2
        if case .playing = seen.phase, (seen.ballVX < 0) == (side == .left) { target = seen.ballY }
        return target < centre - 8 ? .up : target > centre + 8 ? .down : .none
    }
}

/// Key state of one paddle's player: what they hold down this tick.
public enum PaddleInput: String, Sendable, Codable, CaseIterable {
    case up, down, none

    public var direction: Double {
        switch self {
        case .up: -1
        case .down: 1
        case .none: 0
        }
    }
}

public enum GamePhase: Sendable, Equatable, Codable {
    /// Counting down to a serve towards `towards`.
    case serving(towards: Side, ticksLeft: Int)
    case playing
    case finished(winner: Side)
}

/// Everything a client needs to draw one frame.
public struct PongSnapshot: Sendable, Equatable, Codable {
    public var tick: Int
    public var phase: GamePhase
    public var ballX: Double
    public var ballY: Double
    public var ballVX: Double
    public var ballVY: Double
    /// Top edge of each paddle.
    public var leftPaddleY: Double
    public var rightPaddleY: Double
    public var paddleHeight: Double
    public var leftScore: Int
    public var rightScore: Int
    /// Paddle hits in the current rally.
    public var rally: Int

    /// Any court (a client rebuilding one from what the server sent); the engine makes its own.
    public init(
        tick: Int, phase: GamePhase, ballX: Double, ballY: Double, ballVX: Double, ballVY: Double, leftPaddleY: Double,
        rightPaddleY: Double, paddleHeight: Double, leftScore: Int, rightScore: Int, rally: Int
    ) {
        self.tick = tick
        self.phase = phase
        (self.ballX, self.ballY, self.ballVX, self.ballVY) = (ballX, ballY, ballVX, ballVY)
        (self.leftPaddleY, self.rightPaddleY, self.paddleHeight) = (leftPaddleY, rightPaddleY, paddleHeight)
        (self.leftScore, self.rightScore, self.rally) = (leftScore, rightScore, rally)
    }

    public func paddleY(_ side: Side) -> Double { side == .left ? leftPaddleY : rightPaddleY }
    public func score(_ side: Side) -> Int { side == .left ? leftScore : rightScore }
}

public enum PongEvent: Sendable, Equatable, Codable {
    case serve(towards: Side)
    case paddleHit(Side)
    case wallBounce
    /// `scorer` won the point; `rally` is how many paddle hits it lasted.
    case point(scorer: Side, rally: Int)
    case gameOver(winner: Side)
}

extension Side {
    public var opponent: Side { self == .left ? .right : .left }
}

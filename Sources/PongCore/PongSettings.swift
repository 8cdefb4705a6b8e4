/// What a host can tune before a match. The field is 800 × 600 units; speeds
/// are in units per tick at 60 ticks per second.
public struct PongSettings: Sendable, Equatable, Codable {
    public enum BallSpeed: String, Sendable, Codable, CaseIterable {
        case slow, normal, fast

        public var serveSpeed: Double {
            switch self {
            case .slow: 5
            case .normal: 6.5
            case .fast: 8
            }
        }
    }

    public enum PaddleSize: String, Sendable, Codable, CaseIterable {
        case small, normal, large

        public var height: Double {
            switch self {
            case .small: 70
            case .normal: 100
            case .large: 130
            }
        }
    }

    public var rules: MatchRules
    public var ballSpeed: BallSpeed
    public var paddleSize: PaddleSize

    public init(rules: MatchRules = .standard, ballSpeed: BallSpeed = .normal, paddleSize: PaddleSize = .normal) {
        self.rules = rules
        self.ballSpeed = ballSpeed
        self.paddleSize = paddleSize
    }
}

/// Fixed geometry shared by the engine, the AI and the clients.
public enum Field {
    public static let width = 800.0
    public static let height = 600.0
    public static let paddleWidth = 12.0
    /// Distance from each side wall to the paddle's outer edge.
    public static let paddleInset = 24.0
    public static let ballSize = 12.0
    /// The same for every player, the AI included.
    public static let paddleSpeed = 9.0
    public static let ticksPerSecond = 60
    /// Ticks between a point (or the start) and the serve: the countdown.
    public static let serveDelay = 90
    /// Each paddle hit multiplies the ball's speed by this, up to `maximumSpeedFactor` × the serve speed.
    public static let speedUpPerHit = 1.06
    public static let maximumSpeedFactor = 2.2
    /// The steepest bounce: vertical over horizontal speed at the paddle's very edge.
    /// Steep enough that a fast edge return moves up or down faster than a paddle can
    /// (so aiming matters and two perfect trackers do end their games), while a centre
    /// hit still comes back flat and easy.
    public static let maximumBounceSlope = 2.0

    /// x of the face the ball hits, for each side.
    static func faceX(_ side: Side) -> Double {
        side == .left ? paddleInset + paddleWidth : width - paddleInset - paddleWidth
    }
}

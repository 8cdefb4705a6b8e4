/// The computer opponent. It plays through the same key presses as a person
/// and may look at the game only once per second, so between looks it must
/// rely on its prediction of the ball's path (wall bounces included) and on
/// knowing which keys it pressed. Difficulty changes how well it predicts and
/// how often it hesitates, never its paddle speed.
public struct PongAI: Sendable {
    public enum Difficulty: String, Sendable, Codable, CaseIterable {
        case easy, medium, hard

        /// Largest aiming error, in field units.
        var aimError: Double {
            switch self {
            case .easy: 150
            case .medium: 60
            case .hard: 22
            }
        }

        /// Chance of ignoring what it just saw and keeping the old plan.
        var hesitation: Double {
            switch self {
            case .easy: 0.3
            case .medium: 0.1
            case .hard: 0
            }
        }

        /// Whether it plans the ball's return while the ball travels away.
        var anticipates: Bool { self == .hard }
    }

    public static let ticksBetweenLooks = Field.ticksPerSecond

    public let side: Side
    public let difficulty: Difficulty
    private var random: SeededRandom
    private var lastLook: Int?
    private var targetCentre = Field.height / 2
    /// Where it believes its paddle is: seen at each look, then moved by its own key presses.
    private var believedPaddleY: Double?
    private var paddleHeight = PongSettings.PaddleSize.normal.height
    public private(set) var looks = 0

    public init(side: Side, difficulty: Difficulty, seed: UInt64) {
        self.side = side
        self.difficulty = difficulty
        self.random = SeededRandom(seed: seed)
    }

    /// The key to hold this tick. `look` is called at most once per second.
    public mutating func input(atTick tick: Int, look: () -> PongSnapshot) -> PaddleInput {
        if lastLook.map({ tick - $0 >= Self.ticksBetweenLooks }) ?? true {
            lastLook = tick
            looks += 1
            plan(from: look())
        }
        guard let paddleY = believedPaddleY else { return .none }
        let centre = paddleY + paddleHeight / 2
        // A small dead zone, as a player lets go of the key once roughly in place.
        let input: PaddleInput = targetCentre < centre - 6 ? .up : targetCentre > centre + 6 ? .down : .none
        believedPaddleY = min(max(paddleY + input.direction * Field.paddleSpeed, 0), Field.height - paddleHeight)
        return input
    }

    private mutating func plan(from snapshot: PongSnapshot) {
        believedPaddleY = snapshot.paddleY(side)
        paddleHeight = snapshot.paddleHeight
        if random.unit() < difficulty.hesitation { return }
        guard case .playing = snapshot.phase, snapshot.ballVX != 0 else {
            targetCentre = Field.height / 2
            return
        }
        let comingTowardsMe = (snapshot.ballVX < 0) == (side == .left)
        var predicted: Double
        if comingTowardsMe {
            predicted = Self.predictY(fromX: snapshot.ballX, y: snapshot.ballY, vx: snapshot.ballVX, vy: snapshot.ballVY,
                                      toX: Self.contactX(side))
        } else if difficulty.anticipates {
            // The opponent returns it; assume a mirror-image return from their face.
            let there = Self.predictY(fromX: snapshot.ballX, y: snapshot.ballY, vx: snapshot.ballVX, vy: snapshot.ballVY,
                                      toX: Self.contactX(side.opponent))
            predicted = Self.predictY(fromX: Self.contactX(side.opponent), y: there, vx: -snapshot.ballVX, vy: snapshot.ballVY,
                                      toX: Self.contactX(side))
            predicted = (predicted + Field.height / 2) / 2
        } else {
            predicted = Field.height / 2
        }
        let error = (random.unit() * 2 - 1) * difficulty.aimError
        targetCentre = min(max(predicted + error, 0), Field.height)
    }

    /// Where the ball's centre is when it reaches the face of `side`'s paddle.
    static func contactX(_ side: Side) -> Double {
        side == .left ? Field.faceX(.left) + Field.ballSize / 2 : Field.faceX(.right) - Field.ballSize / 2
    }

    /// The ball's y on reaching `toX`, with wall bounces folded in.
    public static func predictY(fromX x: Double, y: Double, vx: Double, vy: Double, toX: Double) -> Double {
        guard vx != 0 else { return y }
        let time = (toX - x) / vx
        guard time > 0 else { return y }
        let half = Field.ballSize / 2
        let span = Field.height - 2 * half
        // Unfold the walls: the ball moves on a line, reflected every `span`.
        var position = (y - half + vy * time).truncatingRemainder(dividingBy: 2 * span)
        if position < 0 { position += 2 * span }
        return half + (position > span ? 2 * span - position : position)
    }
}

/// The computer opponent. It plays through the same key presses as a person
/// and may look at the game only once per second, so between looks it must
/// rely on its prediction of the ball's path (wall bounces included) and on
/// knowing which keys it pressed. Difficulty changes how well it judges the
/// ball, whether it thinks ahead and whether it aims its returns — never its
/// paddle speed.
public struct PongAI: Sendable {
    public enum Difficulty: String, Sendable, Codable, CaseIterable {
        case easy, medium, hard

        /// How far off its meeting point can be on an ordinary look, in field units.
        /// Small enough to meet the ball, not to place it.
        var contactError: Double {
            switch self {
            case .easy: 26
            case .medium: 20
            case .hard: 6
            }
        }

        /// Chance that a look misjudges the ball's path entirely, as a person sometimes does.
        var misjudgeChance: Double {
            switch self {
            case .easy: 0.27
            case .medium: 0.145
            case .hard: 0.04
            }
        }

        /// Whether it plans the ball's return while the ball travels away.
        var anticipates: Bool { self != .easy }

        /// Chance that it chooses where on its paddle to meet the ball, so the return
        /// goes where the opponent is not (otherwise it meets the ball with the paddle's centre).
        var aimChance: Double {
            switch self {
            case .easy: 0
            case .medium: 0.1
            case .hard: 1
            }
        }
    }

    public static let ticksBetweenLooks = Field.ticksPerSecond
    /// The widest part of the paddle it aims with: beyond this a small slip misses the ball.
    static let largestAimedOffset = 0.8

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
        // Let go of the key once within half a step of the target, as close as the paddle's step allows.
        let deadZone = Field.paddleSpeed / 2
        let input: PaddleInput = targetCentre < centre - deadZone ? .up : targetCentre > centre + deadZone ? .down : .none
        believedPaddleY = min(max(paddleY + input.direction * Field.paddleSpeed, 0), Field.height - paddleHeight)
        return input
    }

    private mutating func plan(from snapshot: PongSnapshot) {
        believedPaddleY = snapshot.paddleY(side)
        paddleHeight = snapshot.paddleHeight
        guard case .playing = snapshot.phase, snapshot.ballVX != 0 else {
            targetCentre = Field.height / 2
            return
        }
        let comingTowardsMe = (snapshot.ballVX < 0) == (side == .left)
        if comingTowardsMe {
            let contactY = Self.predictY(
                fromX: snapshot.ballX, y: snapshot.ballY, vx: snapshot.ballVX, vy: snapshot.ballVY,
                toX: Self.contactX(side))
            var offset = 0.0
            if random.unit() < difficulty.aimChance {
                offset = bestAim(snapshot, contactY: contactY)
            }
            let reach = paddleHeight / 2 + Field.ballSize / 2
            target(contactY - offset * reach + judgementError())
        } else if difficulty.anticipates {
            // The opponent returns it; a mirror-image return from their face is the best guess.
            let there = Self.predictY(
                fromX: snapshot.ballX, y: snapshot.ballY, vx: snapshot.ballVX, vy: snapshot.ballVY,
                toX: Self.contactX(side.opponent))
            let back = Self.predictY(
                fromX: Self.contactX(side.opponent), y: there, vx: -snapshot.ballVX, vy: snapshot.ballVY,
                toX: Self.contactX(side))
            // Halfway to the centre: the guess is poor, and the centre covers most returns.
            target((back + Field.height / 2) / 2 + judgementError())
        } else {
            target(Field.height / 2)
        }
    }

    private mutating func target(_ y: Double) {
        targetCentre = min(max(y, 0), Field.height)
    }

    private mutating func judgementError() -> Double {
        if random.unit() < difficulty.misjudgeChance {
            // A misjudged path: wrong by more than the paddle can cover, in either direction.
            let size = 70 + random.unit() * 80
            return random.unit() < 0.5 ? -size : size
        }
        return (random.unit() * 2 - 1) * difficulty.contactError
    }

    /// Where on its paddle to meet the ball (−1 top edge … 1 bottom edge) so that the
    /// return lands furthest from an opponent who heads back to the centre while the
    /// ball comes to us and then follows the ball at full paddle speed.
    private func bestAim(_ snapshot: PongSnapshot, contactY: Double) -> Double {
        let speed = (snapshot.ballVX * snapshot.ballVX + snapshot.ballVY * snapshot.ballVY).squareRoot() * Field.speedUpPerHit
        let ticksToContact = abs((Self.contactX(side) - snapshot.ballX) / snapshot.ballVX)
        let opponentCentre = snapshot.paddleY(side.opponent) + snapshot.paddleHeight / 2
        let atContact = Self.approach(from: opponentCentre, to: Field.height / 2, ticks: ticksToContact)
        var best = (offset: 0.0, miss: -Double.infinity)
        for step in -8...8 {
            let offset = Double(step) / 10 * Self.largestAimedOffset / 0.8
            let miss = Self.chaserMiss(
                fromY: contactY, slope: offset * Field.maximumBounceSlope, speed: speed,
                towards: side.opponent, chaserCentre: atContact, paddleHeight: snapshot.paddleHeight)
            // Prefer the gentler of two equally good aims: an edge hit leaves less room for a slip.
            let score = miss - abs(offset) * 8
            if score > best.miss { best = (offset, score) }
        }
        return best.offset
    }

    /// How far the ball passes from the centre of a paddle that chases it at full speed.
    static func chaserMiss(
        fromY y: Double, slope: Double, speed: Double, towards side: Side,
        chaserCentre: Double, paddleHeight: Double
    ) -> Double {
        let horizontal = speed / (1 + slope * slope).squareRoot()
        let vx = side == .right ? horizontal : -horizontal
        let vy = slope * horizontal
        let fromX = contactX(side.opponent)
        let ticks = Int(((contactX(side) - fromX) / vx).rounded(.up))
        let half = Field.ballSize / 2
        var ballY = y, ballVY = vy, centre = chaserCentre
        for _ in 0..<max(ticks, 0) {
            ballY += ballVY
            if ballY < half {
                ballY = 2 * half - ballY
                ballVY = -ballVY
            }
            if ballY > Field.height - half {
                ballY = 2 * (Field.height - half) - ballY
                ballVY = -ballVY
            }
            centre = approach(from: centre, to: ballY, ticks: 1)
            centre = min(max(centre, paddleHeight / 2), Field.height - paddleHeight / 2)
        }
        return abs(ballY - centre)
    }

    /// A paddle centre moving from `from` towards `to` at full speed for `ticks` ticks.
    static func approach(from: Double, to: Double, ticks: Double) -> Double {
        let most = Field.paddleSpeed * ticks
        return from + min(max(to - from, -most), most)
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

/// One game of Pong, advanced one fixed 1/60 s tick at a time from key states.
/// No wall clock and no global randomness: the same settings, seed and inputs
/// give the same game bit for bit (only IEEE-exact operations: + − × ÷ and sqrt).
public struct PongGame: Sendable {
    public let settings: PongSettings
    public private(set) var snapshot: PongSnapshot
    private var random: SeededRandom
    private var nextServe: Side

    public init(settings: PongSettings = PongSettings(), seed: UInt64) {
        self.settings = settings
        var random = SeededRandom(seed: seed)
        let first: Side = random.next() & 1 == 0 ? .left : .right
        self.random = random
        self.nextServe = first.opponent
        let paddleHeight = settings.paddleSize.height
        snapshot = PongSnapshot(
            tick: 0, phase: .serving(towards: first, ticksLeft: Field.serveDelay),
            ballX: Field.width / 2, ballY: Field.height / 2, ballVX: 0, ballVY: 0,
            leftPaddleY: (Field.height - paddleHeight) / 2, rightPaddleY: (Field.height - paddleHeight) / 2,
            paddleHeight: paddleHeight, leftScore: 0, rightScore: 0, rally: 0)
    }

    /// Continues a game from a saved snapshot (after a restart, or to set up a situation in a test).
    /// `randomState`: the generator as the game left it (`randomState`), so the serves go on as they
    /// would have and a replay from the seed stays exact; nil starts it afresh from the seed.
    public init(
        settings: PongSettings, seed: UInt64, resumingFrom snapshot: PongSnapshot, nextServe: Side, randomState: UInt64? = nil
    ) {
        self.settings = settings
        self.random = SeededRandom(seed: randomState ?? seed)
        self.snapshot = snapshot
        self.nextServe = nextServe
    }

    /// Where the serve generator stands: a checkpoint keeps it.
    public var randomState: UInt64 { random.state }

    public var isOver: Bool {
        if case .finished = snapshot.phase { return true }
        return false
    }

    /// Advances one tick and returns what happened in it.
    @discardableResult
    public mutating func step(left: PaddleInput, right: PaddleInput) -> [PongEvent] {
        guard !isOver else { return [] }
        var events: [PongEvent] = []
        snapshot.tick += 1
        snapshot.leftPaddleY = snapshot.movedPaddle(snapshot.leftPaddleY, left)
        snapshot.rightPaddleY = snapshot.movedPaddle(snapshot.rightPaddleY, right)
        switch snapshot.phase {
        case let .serving(towards, ticksLeft):
            if ticksLeft > 1 {
                snapshot.phase = .serving(towards: towards, ticksLeft: ticksLeft - 1)
            } else {
                serve(towards: towards)
                events.append(.serve(towards: towards))
            }
        case .playing:
            advanceBall(&events)
        case .finished:
            break
        }
        return events
    }

    private var serveSpeed: Double { settings.ballSpeed.serveSpeed }

    private mutating func serve(towards side: Side) {
        // A gentle random slope so no two serves are alike, from the seeded generator.
        let slope = (random.unit() - 0.5) * 0.8
        setVelocity(speed: serveSpeed, slope: slope, towards: side)
        snapshot.ballX = Field.width / 2
        snapshot.ballY = Field.height / 2
        snapshot.rally = 0
        snapshot.phase = .playing
    }

    private mutating func setVelocity(speed: Double, slope: Double, towards side: Side) {
        let horizontal = speed / (1 + slope * slope).squareRoot()
        snapshot.ballVX = side == .right ? horizontal : -horizontal
        snapshot.ballVY = slope * horizontal
    }

    /// Moves the ball through the tick, resolving every wall and paddle contact
    /// at its exact time within the tick, so a fast ball never tunnels.
    private mutating func advanceBall(_ events: inout [PongEvent]) {
        var remaining = 1.0
        for _ in 0..<8 where remaining > 0 {
            guard let (time, surface) = snapshot.nextContact(within: remaining, includingPaddles: true) else {
                snapshot.moveBall(for: remaining)
                break
            }
            snapshot.moveBall(for: time)
            remaining -= time
            switch surface {
            case .wall:
                snapshot.ballVY = -snapshot.ballVY
                events.append(.wallBounce)
            case let .paddle(side):
                bounce(off: side)
                events.append(.paddleHit(side))
            }
        }
        let half = Field.ballSize / 2
        if snapshot.ballX < -half {
            score(.right, &events)
        } else if snapshot.ballX > Field.width + half {
            score(.left, &events)
        }
    }

    /// The further from the paddle's centre, the steeper the return; each hit is faster, up to a cap.
    private mutating func bounce(off side: Side) {
        let half = Field.ballSize / 2
        let centre = snapshot.paddleY(side) + snapshot.paddleHeight / 2
        let offset = min(max((snapshot.ballY - centre) / (snapshot.paddleHeight / 2 + half), -1), 1)
        let speed = (snapshot.ballVX * snapshot.ballVX + snapshot.ballVY * snapshot.ballVY).squareRoot()
        let faster = min(speed * Field.speedUpPerHit, serveSpeed * Field.maximumSpeedFactor)
        setVelocity(speed: faster, slope: offset * Field.maximumBounceSlope, towards: side.opponent)
        snapshot.rally += 1
    }

    private mutating func score(_ scorer: Side, _ events: inout [PongEvent]) {
        if scorer == .left { snapshot.leftScore += 1 } else { snapshot.rightScore += 1 }
        events.append(.point(scorer: scorer, rally: snapshot.rally))
        snapshot.ballX = Field.width / 2
        snapshot.ballY = Field.height / 2
        snapshot.ballVX = 0
        snapshot.ballVY = 0
        if let winner = settings.rules.winner(left: snapshot.leftScore, right: snapshot.rightScore) {
            snapshot.phase = .finished(winner: winner)
            events.append(.gameOver(winner: winner))
            return
        }
        // Serves alternate between the two sides, whoever won the point.
        snapshot.phase = .serving(towards: nextServe, ticksLeft: Field.serveDelay)
        nextServe = nextServe.opponent
    }
}

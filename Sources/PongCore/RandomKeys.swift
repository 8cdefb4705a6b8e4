/// Two players who press and release keys at random moments (about every 20 ticks each), from a
/// seed: the inputs of the property tests and fixtures that check keyframes against the engine.
public struct RandomKeys: Sendable {
    private var random: SeededRandom
    public private(set) var left = PaddleInput.none
    public private(set) var right = PaddleInput.none

    public init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// The keys both players hold in the next tick.
    public mutating func next() -> (left: PaddleInput, right: PaddleInput) {
        if random.next() % 20 == 0 { left = PaddleInput.allCases[Int(random.next() % 3)] }
        if random.next() % 20 == 0 { right = PaddleInput.allCases[Int(random.next() % 3)] }
        return (left, right)
    }
}

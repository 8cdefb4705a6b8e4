import NIOCore

/// A token bucket for one connection's incoming messages: `perSecond` on
/// average with bursts of `burst`. Clock readings are passed in, so it is pure.
struct MessageBudget: Sendable {
    let perSecond: Double
    let burst: Double
    private var tokens: Double
    private var refilledAt: NIODeadline?

    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
        self.tokens = burst
    }

    /// Spends one token if there is one.
    mutating func spend(at now: NIODeadline) -> Bool {
        if let refilledAt {
            let elapsed = Double((now - refilledAt).nanoseconds) / 1e9
            tokens = min(burst, tokens + elapsed * perSecond)
        }
        refilledAt = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

import NIOConcurrencyHelpers
import NIOCore

/// How late the game clocks fire, over their last few thousand wake-ups: on a starved machine
/// the tick keeps its schedule (late ticks are caught up) but is late, and operators see by how much
/// in `/api/health` and the overload benchmark.
final class TickLateness: Sendable {
    private static let kept = 4096
    private let samples = NIOLockedValueBox((values: [Int64](), next: 0))

    func record(_ lateness: TimeAmount) {
        let microseconds = max(0, lateness.nanoseconds / 1000)
        samples.withLockedValue { state in
            if state.values.count < Self.kept {
                state.values.append(microseconds)
            } else {
                state.values[state.next] = microseconds
                state.next = (state.next + 1) % Self.kept
            }
        }
    }

    /// The 99th percentile and the worst, in milliseconds (0 when no game has ticked).
    var summary: (p99: Double, max: Double) {
        let values = samples.withLockedValue { $0.values }.sorted()
        guard let worst = values.last else { return (0, 0) }
        let p99 = values[min(values.count - 1, Int(Double(values.count) * 0.99))]
        return (Double(p99) / 1000, Double(worst) / 1000)
    }
}

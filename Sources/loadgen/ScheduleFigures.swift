/// How regularly snapshots arrived. Each game's schedule is anchored on its
/// least-delayed snapshot (arrival − tick × 1/60 s, minimised), so lateness is
/// measured against when the snapshot was due, not against the previous one.
struct ScheduleFigures {
    static let period = 1_000_000_000.0 / 60
    static let tolerance = 5_000_000.0

    var onSchedule = 0.0
    var p50Interval = 0.0
    var p99Interval = 0.0
    var maxLate = 0.0

    init(_ games: [[BenchPlayer.Arrival]]) {
        var total = 0
        var punctual = 0
        var intervals: [Double] = []
        for arrivals in games where arrivals.count > 1 {
            let anchor = arrivals.map { Double($0.nanoseconds) - Double($0.tick) * Self.period }.min() ?? 0
            for arrival in arrivals {
                let late = Double(arrival.nanoseconds) - anchor - Double(arrival.tick) * Self.period
                total += 1
                if late <= Self.tolerance { punctual += 1 }
                maxLate = max(maxLate, late / 1e6)
            }
            for (previous, next) in zip(arrivals, arrivals.dropFirst()) {
                intervals.append(Double(next.nanoseconds - previous.nanoseconds) / 1e6)
            }
        }
        guard total > 0, !intervals.isEmpty else { return }
        intervals.sort()
        onSchedule = Double(punctual) / Double(total)
        p50Interval = intervals[intervals.count / 2]
        p99Interval = intervals[min(intervals.count - 1, intervals.count * 99 / 100)]
    }
}

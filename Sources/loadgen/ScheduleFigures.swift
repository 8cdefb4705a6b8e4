/// How punctually keyframes arrived. Each game's schedule is anchored on its least-delayed
/// keyframe (arrival − tick × 1/60 s, minimised), so lateness is measured against when the
/// keyframe's tick happened on the server, not against the previous message (keyframes come when
/// motion changes, not at a fixed rate).
struct ScheduleFigures {
    static let period = 1_000_000_000.0 / 60
    static let tolerance = 5_000_000.0

    var onSchedule = 0.0
    var p99Late = 0.0
    var maxLate = 0.0
    /// Messages and bytes per game and second.
    var messagesPerGame = 0.0
    var bytesPerGame = 0.0

    init(_ games: [[BenchPlayer.Arrival]], seconds: Double = 1) {
        var lateness: [Double] = []
        var messages = 0
        var bytes = 0
        for arrivals in games {
            messages += arrivals.count
            bytes += arrivals.reduce(0) { $0 + $1.bytes }
            guard arrivals.count > 1 else { continue }
            let anchor = arrivals.map { Double($0.nanoseconds) - Double($0.tick) * Self.period }.min() ?? 0
            for arrival in arrivals {
                lateness.append(Double(arrival.nanoseconds) - anchor - Double(arrival.tick) * Self.period)
            }
        }
        if !games.isEmpty, seconds > 0 {
            messagesPerGame = Double(messages) / Double(games.count) / seconds
            bytesPerGame = Double(bytes) / Double(games.count) / seconds
        }
        guard !lateness.isEmpty else { return }
        lateness.sort()
        onSchedule = Double(lateness.prefix { $0 <= Self.tolerance }.count) / Double(lateness.count)
        p99Late = lateness[min(lateness.count - 1, lateness.count * 99 / 100)] / 1e6
        maxLate = (lateness.last ?? 0) / 1e6
    }
}

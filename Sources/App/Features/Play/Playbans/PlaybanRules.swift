import Foundation

/// When leaving rated games earns a playban, and for how long. Plain values in, plain values out.
enum PlaybanRules {
    /// Abandonments counted over this rolling window…
    static let window: TimeInterval = 24 * 3600
    /// …and how many of them earn a ban. A ban starts the count again: it is paid for.
    static let abandonmentsForBan = 3
    /// Bans within this long of each other escalate.
    static let escalationWindow: TimeInterval = 7 * 24 * 3600
    /// 5 min, 15 min, 1 h, then 24 h for every further ban in the escalation window.
    static let lengths: [TimeInterval] = [5 * 60, 15 * 60, 3600, 24 * 3600]

    /// Whether the abandonments counted since the window opened (or the last ban) earn a ban.
    static func earnsBan(abandonmentsCounted: Int) -> Bool {
        abandonmentsCounted >= abandonmentsForBan
    }

    /// The length of a ban, given how many came before it within the escalation window.
    static func length(earlierBans: Int) -> TimeInterval {
        lengths[min(max(earlierBans, 0), lengths.count - 1)]
    }

    /// From when abandonments count: the window's start, or the last ban's, whichever is later.
    static func countingSince(now: Date, lastBanStarted: Date?) -> Date {
        let windowStart = now.addingTimeInterval(-window)
        guard let lastBanStarted else { return windowStart }
        return max(windowStart, lastBanStarted)
    }
}

import Foundation

/// In-memory sliding-window counters (one server process holds all the
/// state; a cluster would move this to the database or Redis).
actor RateLimiter {
    struct Rule: Sendable {
        let limit: Int
        let window: TimeInterval
    }

    private var hits: [String: [Date]] = [:]
    private let clock: AppClock

    init(clock: AppClock = .system) {
        self.clock = clock
    }

    private func now() -> Date { clock.now }

    /// Seconds to wait before the next attempt, or nil if one is allowed now.
    func retryAfter(_ key: String, rule: Rule) -> Int? {
        let current = now()
        let recent = prune(key, rule: rule, at: current)
        guard recent.count >= rule.limit, let oldest = recent.first else { return nil }
        return max(1, Int((oldest.addingTimeInterval(rule.window).timeIntervalSince(current)).rounded(.up)))
    }

    /// Throws 429 with `Retry-After` (the longest wait) while any key is over its rule.
    func ensureAllowed(_ checks: [(key: String, rule: Rule)]) throws {
        if let wait = checks.compactMap({ retryAfter($0.key, rule: $0.rule) }).max() {
            throw AppError.tooManyRequests(retryAfter: wait)
        }
    }

    /// Counts one attempt if it is allowed now; otherwise the seconds to wait, and nothing is counted.
    /// One call, so two concurrent attempts can't both slip under the limit.
    func attempt(_ key: String, rule: Rule) -> Int? {
        if let wait = retryAfter(key, rule: rule) { return wait }
        record(key, rule: rule)
        return nil
    }

    /// Attempts counted ahead of the work they guard; `release` takes back the ones that turned out fine.
    struct Reservation: Sendable {
        fileprivate let keys: [String]
        fileprivate let at: Date
    }

    /// Counts one attempt under every key at once, or throws 429 and counts nothing.
    /// Counting before the slow work (a password hash) is what keeps concurrent
    /// attempts from all passing the check before any of them is recorded.
    func reserve(_ checks: [(key: String, rule: Rule)]) throws -> Reservation {
        try ensureAllowed(checks)
        let current = now()
        for check in checks { record(check.key, rule: check.rule, at: current) }
        return Reservation(keys: checks.map(\.key), at: current)
    }

    /// Takes back a reservation (the attempt succeeded, so it is not a failure to count).
    func release(_ reservation: Reservation) {
        for key in reservation.keys {
            guard var recent = hits[key], let index = recent.lastIndex(of: reservation.at) else { continue }
            recent.remove(at: index)
            hits[key] = recent.isEmpty ? nil : recent
        }
    }

    func record(_ key: String, rule: Rule) {
        record(key, rule: rule, at: now())
    }

    private func record(_ key: String, rule: Rule, at current: Date) {
        var recent = prune(key, rule: rule, at: current)
        recent.append(current)
        hits[key] = recent
        if hits.count > 50_000 { sweep(olderThan: current.addingTimeInterval(-rule.window)) }
    }

    func reset(_ key: String) {
        hits[key] = nil
    }

    private func prune(_ key: String, rule: Rule, at current: Date) -> [Date] {
        let cutoff = current.addingTimeInterval(-rule.window)
        let recent = (hits[key] ?? []).filter { $0 > cutoff }
        hits[key] = recent.isEmpty ? nil : recent
        return recent
    }

    private func sweep(olderThan cutoff: Date) {
        hits = hits.filter { $0.value.last.map { $0 > cutoff } ?? false }
    }
}

import Foundation

/// Sliding-window counters for every throttle and flood limit. In memory when one process is the
/// whole site; with a `shared` store (PostgreSQL, in a cluster) every count is the cluster's, so a
/// limit of 10 is 10 whichever instances the attempts reach.
actor RateLimiter {
    struct Rule: Sendable {
        let limit: Int
        let window: TimeInterval
    }

    private var hits: [String: [Date]] = [:]
    private let clock: AppClock
    private let shared: (any SharedRateLimits)?

    init(clock: AppClock = .system, shared: (any SharedRateLimits)? = nil) {
        self.clock = clock
        self.shared = shared
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
    func ensureAllowed(_ checks: [(key: String, rule: Rule)]) async throws {
        if let shared {
            if let wait = try await shared.wait(for: checks, at: now()) { throw AppError.tooManyRequests(retryAfter: wait) }
            return
        }
        if let wait = checks.compactMap({ retryAfter($0.key, rule: $0.rule) }).max() {
            throw AppError.tooManyRequests(retryAfter: wait)
        }
    }

    /// Counts one attempt if it is allowed now; otherwise the seconds to wait, and nothing is counted.
    /// One call, so two concurrent attempts can't both slip under the limit.
    func attempt(_ key: String, rule: Rule) async throws -> Int? {
        if let shared {
            switch try await shared.count([(key, rule)], at: now()) {
            case .counted: return nil
            case let .over(wait): return wait
            }
        }
        if let wait = retryAfter(key, rule: rule) { return wait }
        record(key, rule: rule, at: now())
        return nil
    }

    /// Attempts counted ahead of the work they guard; `release` takes back the ones that turned out fine.
    struct Reservation: Sendable {
        fileprivate let keys: [String]
        fileprivate let at: Date
        /// The shared store's rows for these hits, to take back.
        fileprivate var sharedHits: [Int] = []
    }

    /// Counts one attempt under every key at once, or throws 429 and counts nothing.
    /// Counting before the slow work (a password hash) is what keeps concurrent
    /// attempts from all passing the check before any of them is recorded.
    func reserve(_ checks: [(key: String, rule: Rule)]) async throws -> Reservation {
        if let shared {
            let current = now()
            switch try await shared.count(checks, at: current) {
            case let .counted(rows): return Reservation(keys: checks.map(\.key), at: current, sharedHits: rows)
            case let .over(wait): throw AppError.tooManyRequests(retryAfter: wait)
            }
        }
        try await ensureAllowed(checks)
        let current = now()
        for check in checks { record(check.key, rule: check.rule, at: current) }
        return Reservation(keys: checks.map(\.key), at: current)
    }

    /// Takes back a reservation (the attempt succeeded, so it is not a failure to count).
    func release(_ reservation: Reservation) async throws {
        if let shared { return try await shared.forget(reservation.sharedHits) }
        for key in reservation.keys {
            guard var recent = hits[key], let index = recent.lastIndex(of: reservation.at) else { continue }
            recent.remove(at: index)
            hits[key] = recent.isEmpty ? nil : recent
        }
    }

    func record(_ key: String, rule: Rule) async throws {
        if let shared {
            _ = try await shared.count([(key, rule)], at: now(), evenIfOver: true)
            return
        }
        record(key, rule: rule, at: now())
    }

    private func record(_ key: String, rule: Rule, at current: Date) {
        var recent = prune(key, rule: rule, at: current)
        recent.append(current)
        hits[key] = recent
        if hits.count > 50_000 { sweep(olderThan: current.addingTimeInterval(-rule.window)) }
    }

    func reset(_ key: String) async throws {
        if let shared { return try await shared.reset(key) }
        hits[key] = nil
    }

    /// Forgets every count whose key holds one of `needles` (an account's id or email key, when the
    /// account is deleted).
    func forgetKeys(mentioning needles: [String]) async throws {
        if let shared { return try await shared.forgetKeys(mentioning: needles) }
        hits = hits.filter { key, _ in !needles.contains { key.contains($0) } }
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

/// Counts that every instance of a cluster shares. Each call is atomic across the cluster.
protocol SharedRateLimits: Sendable {
    /// Counts one hit under every key at `now` if each is under its rule (or `evenIfOver`); otherwise
    /// counts nothing and answers the longest wait in seconds.
    func count(_ checks: [(key: String, rule: RateLimiter.Rule)], at now: Date, evenIfOver: Bool) async throws -> SharedCount
    /// The longest wait in seconds while any key is over its rule, nil when all are under.
    func wait(for checks: [(key: String, rule: RateLimiter.Rule)], at now: Date) async throws -> Int?
    /// Takes back hits that `count` made.
    func forget(_ hits: [Int]) async throws
    func reset(_ key: String) async throws
    func forgetKeys(mentioning needles: [String]) async throws
}

extension SharedRateLimits {
    func count(_ checks: [(key: String, rule: RateLimiter.Rule)], at now: Date) async throws -> SharedCount {
        try await count(checks, at: now, evenIfOver: false)
    }
}

enum SharedCount: Sendable {
    /// Counted: the rows made.
    case counted([Int])
    /// Over the limit: seconds to wait.
    case over(Int)
}

import Foundation

/// Who is waiting for a quick match, and who gets paired with whom. Shared state: several
/// servers would put the queue behind this protocol in a shared store.
protocol Matchmaker: Sendable {
    /// Adds a player (once: a second tab's join changes nothing); nil if they were already waiting.
    func join(_ entry: QueueEntry) async -> Date?
    /// Takes a player out; false if they weren't waiting.
    @discardableResult func leave(_ userID: UUID) async -> Bool
    func waitingSince(_ userID: UUID) async -> Date?
    /// Pairs whoever can be paired now, closest ratings first; both leave the queue.
    func pair(at now: Date) async -> [(QueueEntry, QueueEntry)]
    var count: Int { get async }
}

/// One waiting player.
struct QueueEntry: Sendable, Equatable {
    let userID: UUID
    let username: String
    let rating: Double
    let joinedAt: Date
    /// Players they blocked or who blocked them: never paired with them.
    let avoided: Set<UUID>
}

/// The rule: at first only players within ±100 of each other are paired; the allowed gap grows
/// by 50 every 5 s of waiting (the longer waiter's wait counts), so nobody waits for ever.
enum PairingRule {
    static let initialGap = 100.0
    static let widening = 50.0
    static let wideningEvery: TimeInterval = 5

    static func allowedGap(waited seconds: TimeInterval) -> Double {
        initialGap + widening * (max(0, seconds) / wideningEvery).rounded(.down)
    }

    static func canPair(_ one: QueueEntry, _ other: QueueEntry, at now: Date) -> Bool {
        guard one.userID != other.userID, !one.avoided.contains(other.userID), !other.avoided.contains(one.userID) else {
            return false
        }
        let waited = max(now.timeIntervalSince(one.joinedAt), now.timeIntervalSince(other.joinedAt))
        return abs(one.rating - other.rating) <= allowedGap(waited: waited)
    }
}

/// The queue in this process. An actor: every join, leave and pairing is one step, so a player
/// is paired at most once however many arrive together.
actor InProcessMatchmaker: Matchmaker {
    private var waiting: [UUID: QueueEntry] = [:]

    func join(_ entry: QueueEntry) -> Date? {
        if waiting[entry.userID] != nil { return nil }
        waiting[entry.userID] = entry
        return entry.joinedAt
    }

    func leave(_ userID: UUID) -> Bool {
        waiting.removeValue(forKey: userID) != nil
    }

    func waitingSince(_ userID: UUID) -> Date? {
        waiting[userID]?.joinedAt
    }

    var count: Int { waiting.count }

    func pair(at now: Date) -> [(QueueEntry, QueueEntry)] {
        let entries = waiting.values.sorted { $0.rating < $1.rating }
        guard entries.count >= 2 else { return [] }
        // Every allowed pair, closest ratings first (then longest waiting), taken greedily.
        let oldest = entries.map(\.joinedAt).min() ?? now
        let widest = PairingRule.allowedGap(waited: now.timeIntervalSince(oldest))
        var candidates: [(gap: Double, since: Date, one: QueueEntry, other: QueueEntry)] = []
        for (index, one) in entries.enumerated() {
            for other in entries[(index + 1)...] {
                let gap = other.rating - one.rating
                // Sorted by rating: past the widest gap anyone may have, nobody further on pairs with `one`.
                if gap > widest { break }
                if PairingRule.canPair(one, other, at: now) {
                    candidates.append((gap, min(one.joinedAt, other.joinedAt), one, other))
                }
            }
        }
        candidates.sort { ($0.gap, $0.since) < ($1.gap, $1.since) }
        var taken = Set<UUID>()
        var pairs: [(QueueEntry, QueueEntry)] = []
        for candidate in candidates where !taken.contains(candidate.one.userID) && !taken.contains(candidate.other.userID) {
            taken.insert(candidate.one.userID)
            taken.insert(candidate.other.userID)
            // The longer waiter serves first, on the left.
            pairs.append(candidate.one.joinedAt <= candidate.other.joinedAt ? (candidate.one, candidate.other) : (candidate.other, candidate.one))
        }
        for id in taken { waiting[id] = nil }
        return pairs
    }
}

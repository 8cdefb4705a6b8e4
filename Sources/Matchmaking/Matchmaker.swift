import Foundation

/// Who is waiting for a quick match, and who gets paired with whom. Shared state: a cluster puts
/// the queue behind this protocol in PostgreSQL. No Vapor, no database:
/// the server and the matchmaking benchmark use the same code.
public protocol Matchmaker: Sendable {
    /// Adds a player (once: a second tab's join changes nothing); nil if they were already waiting.
    func join(_ entry: QueueEntry) async throws -> Date?
    /// Takes a player out; false if they weren't waiting.
    @discardableResult func leave(_ userID: UUID) async throws -> Bool
    func waitingSince(_ userID: UUID) async throws -> Date?
    /// Pairs whoever can be paired now, closest ratings first; both leave the queue.
    func pair(at now: Date) async throws -> [(QueueEntry, QueueEntry)]
    var count: Int { get async throws }
}

/// One waiting player.
public struct QueueEntry: Sendable, Equatable {
    public let userID: UUID
    public let username: String
    public let rating: Double
    public let joinedAt: Date
    /// Players they blocked or who blocked them: never paired with them.
    public let avoided: Set<UUID>

    public init(userID: UUID, username: String, rating: Double, joinedAt: Date, avoided: Set<UUID>) {
        self.userID = userID
        self.username = username
        self.rating = rating
        self.joinedAt = joinedAt
        self.avoided = avoided
    }
}

/// The rule: at first only players within ±100 of each other are paired; the allowed gap grows
/// by 50 every 5 s of waiting (the longer waiter's wait counts), so nobody waits for ever.
public enum PairingRule {
    public static let initialGap = 100.0
    public static let widening = 50.0
    public static let wideningEvery: TimeInterval = 5

    public static func allowedGap(waited seconds: TimeInterval) -> Double {
        initialGap + widening * (max(0, seconds) / wideningEvery).rounded(.down)
    }

    public static func canPair(_ one: QueueEntry, _ other: QueueEntry, at now: Date) -> Bool {
        guard one.userID != other.userID, !one.avoided.contains(other.userID), !other.avoided.contains(one.userID) else {
            return false
        }
        let waited = max(now.timeIntervalSince(one.joinedAt), now.timeIntervalSince(other.joinedAt))
        return abs(one.rating - other.rating) <= allowedGap(waited: waited)
    }
}

/// The queue in this process. An actor: every join, leave and pairing is one step, so a player
/// is paired at most once however many arrive together.
public actor InProcessMatchmaker: Matchmaker {
    private var waiting: [UUID: QueueEntry] = [:]

    public init() {}

    public func join(_ entry: QueueEntry) -> Date? {
        if waiting[entry.userID] != nil { return nil }
        waiting[entry.userID] = entry
        return entry.joinedAt
    }

    @discardableResult public func leave(_ userID: UUID) -> Bool {
        waiting.removeValue(forKey: userID) != nil
    }

    public func waitingSince(_ userID: UUID) -> Date? {
        waiting[userID]?.joinedAt
    }

    public var count: Int { waiting.count }

    public func pair(at now: Date) -> [(QueueEntry, QueueEntry)] {
        let pairs = PairingRule.pairs(among: Array(waiting.values), at: now)
        for (one, other) in pairs {
            waiting[one.userID] = nil
            waiting[other.userID] = nil
        }
        return pairs
    }
}

extension PairingRule {
    /// Who plays whom among `entries` now: every allowed pair, closest ratings first (then longest
    /// waiting), taken greedily; the longer waiter of each pair first (they serve, on the left).
    public static func pairs(among entries: [QueueEntry], at now: Date) -> [(QueueEntry, QueueEntry)] {
        let entries = entries.sorted { $0.rating < $1.rating }
        guard entries.count >= 2 else { return [] }
        let oldest = entries.map(\.joinedAt).min() ?? now
        let widest = allowedGap(waited: now.timeIntervalSince(oldest))
        var candidates: [(gap: Double, since: Date, one: QueueEntry, other: QueueEntry)] = []
        for (index, one) in entries.enumerated() {
            for other in entries[(index + 1)...] {
                let gap = other.rating - one.rating
                // Sorted by rating: past the widest gap anyone may have, nobody further on pairs with `one`.
                if gap > widest { break }
                if canPair(one, other, at: now) { candidates.append((gap, min(one.joinedAt, other.joinedAt), one, other)) }
            }
        }
        candidates.sort { ($0.gap, $0.since) < ($1.gap, $1.since) }
        var taken = Set<UUID>()
        var pairs: [(QueueEntry, QueueEntry)] = []
        for candidate in candidates where !taken.contains(candidate.one.userID) && !taken.contains(candidate.other.userID) {
            taken.insert(candidate.one.userID)
            taken.insert(candidate.other.userID)
            pairs.append(
                candidate.one.joinedAt <= candidate.other.joinedAt ? (candidate.one, candidate.other) : (candidate.other, candidate.one))
        }
        return pairs
    }
}

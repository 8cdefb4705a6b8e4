import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// How often an account may start watching a game: a watch costs the game a description and a
/// snapshot, so a flood of them from many sockets must be refused cheaply, before it reaches the game.
/// Shared state a cluster would keep in its store: behind a protocol, in process today.
protocol WatchAllowance: Sendable {
    /// Counts one watch for `userID` if they have one left in the window.
    func admit(_ userID: UUID, at now: NIODeadline) -> Bool
}

/// Sliding windows in this process.
final class InProcessWatchAllowance: WatchAllowance {
    let limit: Int
    let window: TimeAmount
    private let starts = NIOLockedValueBox<[UUID: [NIODeadline]]>([:])

    init(limit: Int = WatchWindow.perMinute, window: TimeAmount = .seconds(60)) {
        self.limit = limit
        self.window = window
    }

    func admit(_ userID: UUID, at now: NIODeadline) -> Bool {
        starts.withLockedValue { starts in
            var recent = starts[userID, default: []].filter { now - $0 < window }
            guard recent.count < limit else {
                starts[userID] = recent
                return false
            }
            recent.append(now)
            starts[userID] = recent
            return true
        }
    }
}

/// The same rule for one socket, kept by the socket's session (no lock: one event loop).
struct WatchWindow {
    static let perMinute = 10
    private var starts: [NIODeadline] = []

    mutating func admit(at now: NIODeadline) -> Bool {
        starts.removeAll { now - $0 >= .seconds(60) }
        guard starts.count < Self.perMinute else { return false }
        starts.append(now)
        return true
    }
}

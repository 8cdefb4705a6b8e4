import Foundation
import NIOConcurrencyHelpers

@testable import App

/// A clock the test sets and moves forward: expiry, throttle windows and authenticator
/// steps are checked at a chosen instant instead of by sleeping or waiting for a window.
final class TestClock: Sendable {
    private let current: NIOLockedValueBox<Date>
    /// Told of every move (the scheduler runs what became due at once).
    private let observers = NIOLockedValueBox<[@Sendable () -> Void]>([])

    init(_ start: Date = Date()) {
        current = NIOLockedValueBox(start)
    }

    /// A start a few seconds into a 30-second authenticator step, far from its edges.
    static func earlyInAnAuthenticatorStep() -> TestClock {
        let step = (Date().timeIntervalSince1970 / 30).rounded(.down)
        return TestClock(Date(timeIntervalSince1970: step * 30 + 5))
    }

    var now: Date { current.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
        for observer in observers.withLockedValue({ $0 }) { observer() }
    }

    var appClock: AppClock {
        AppClock(
            { [current] in current.withLockedValue { $0 } },
            observeAdvances: { [observers] callback in observers.withLockedValue { $0.append(callback) } })
    }
}

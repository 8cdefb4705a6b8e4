import Foundation
import Vapor

/// The one source of "now" for every rule that depends on time: session and link expiry,
/// throttle windows, authenticator steps, the timestamps rows are stored with.
/// Built once in `configure`; tests pass a clock they can set and move forward instead of sleeping.
struct AppClock: Sendable {
    private let read: @Sendable () -> Date
    private let observeAdvances: @Sendable (@escaping @Sendable () -> Void) -> Void

    /// `observeAdvances` registers a callback for a clock that jumps (a test's): whatever waits for
    /// a time (the scheduler) looks again at once. The system clock never jumps.
    init(_ read: @escaping @Sendable () -> Date, observeAdvances: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void = { _ in }) {
        self.read = read
        self.observeAdvances = observeAdvances
    }

    var now: Date { read() }

    func onAdvance(_ callback: @escaping @Sendable () -> Void) {
        observeAdvances(callback)
    }

    static let system = AppClock { Date() }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var clock: AppClock { application.clock }
}

import Foundation
import Vapor

/// The one source of "now" for every rule that depends on time: session and link expiry,
/// throttle windows, authenticator steps, the timestamps rows are stored with.
/// Built once in `configure`; tests pass a clock they can set and move forward instead of sleeping.
struct AppClock: Sendable {
    private let read: @Sendable () -> Date

    init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    var now: Date { read() }

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

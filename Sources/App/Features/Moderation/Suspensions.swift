import Fluent
import Vapor

/// What a suspension means outside moderation: no session for the account while it lasts.
enum Suspensions {
    static func refuseWhileSuspended(_ user: User, at now: Date, on db: any Database) async throws {
        guard let suspension = try await Suspension.current(for: user.requireID(), at: now, on: db) else { return }
        throw AppError.suspended(suspension)
    }
}

extension AppError {
    static func suspended(_ suspension: Suspension) -> AppError {
        let when = suspension.until.map { "until \(utcMinute($0))" } ?? "for good"
        var error = AppError(
            status: .forbidden, code: "account_suspended",
            message: "This account is suspended \(when). A moderator's reason: \(suspension.reason)")
        error.until = suspension.until
        return error
    }
}

/// "2026-12-06 14:05 UTC": a moment written the same for every reader, whatever their zone.
func utcMinute(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: date)
}

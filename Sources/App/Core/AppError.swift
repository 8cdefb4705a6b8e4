import Vapor

/// The one error type the API throws on purpose. Every error, ours or Vapor's,
/// reaches the client as `{"error": {"code", "message", "fields"}}` (see `APIErrorMiddleware`).
struct AppError: AbortError, Sendable {
    let status: HTTPResponseStatus
    /// Stable, machine-readable; clients and tests match on it.
    let code: String
    let message: String
    /// Field name → what is wrong with it.
    var fields: [String: String] = [:]
    var headers: HTTPHeaders = [:]
    /// When a time-bound refusal ends (`playban`, `muted`): the client shows the time left.
    var until: Date?

    var reason: String { message }

    static func validation(_ fields: [String: String], message: String = "Some fields need attention.") -> AppError {
        AppError(status: .badRequest, code: "validation_failed", message: message, fields: fields)
    }

    static func field(_ name: String, _ problem: String, code: String = "validation_failed") -> AppError {
        AppError(status: .badRequest, code: code, message: problem, fields: [name: problem])
    }

    static let payloadTooLarge = AppError(
        status: .payloadTooLarge, code: "payload_too_large",
        message: "The request body is too large.")

    static let unauthenticated = AppError(status: .unauthorized, code: "unauthenticated", message: "Please log in.")
    static let notFound = AppError(status: .notFound, code: "not_found", message: "Nothing here.")

    /// Work is queued (password checks, database writes); past a queue's bound, or when the database
    /// stays locked past a request's deadline, the server says so instead of stalling or failing.
    static let serverBusy = AppError(
        status: .serviceUnavailable, code: "server_busy",
        message: "The server is busy. Try again in a moment.", headers: ["Retry-After": "2"])

    static func tooManyRequests(retryAfter seconds: Int) -> AppError {
        AppError(
            status: .tooManyRequests, code: "rate_limited",
            message: "Too many attempts. Try again in \(seconds) seconds.",
            headers: ["Retry-After": String(seconds)]
        )
    }
}

/// The JSON body of every error response.
struct ErrorEnvelope: Content {
    struct Body: Content {
        let code: String
        let message: String
        let fields: [String: String]?
        var until: Date?
    }
    let error: Body
}

extension AppError {
    /// "1 minute", "45 minutes", "3 hours": a wait in words the catalogue translates piece by
    /// piece (each form is a template of its own, see `Localizer`).
    static func timeLeft(minutes: Int) -> String {
        if minutes == 1 { return "1 minute" }
        return minutes < 120 ? "\(minutes) minutes" : "\(minutes / 60) hours"
    }
}

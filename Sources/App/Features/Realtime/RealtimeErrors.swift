import Vapor

/// Errors of the socket's HTTP upgrade; errors inside an open socket are `RealtimeError`s.
extension AppError {
    static let webSocketRequired = AppError(status: .badRequest, code: "websocket_required", message: "Connect here with a WebSocket.")
    /// Browsers always send Origin with a WebSocket and cookies ride along cross-site: this is the CSRF check.
    static let socketOriginNotAllowed = AppError(
        status: .forbidden, code: "origin_not_allowed",
        message: "This connection did not come from the Transcendence site.")
    static let tooManySockets = AppError(
        status: .tooManyRequests, code: "too_many_sockets",
        message: "Too many live connections from this address. Close a tab and try again.",
        headers: ["Retry-After": "30"])
}

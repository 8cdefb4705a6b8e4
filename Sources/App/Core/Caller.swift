import Vapor

/// Who is asking, as the services that throttle, record or mail need it: never the whole request.
struct Caller: Sendable {
    /// The client's address (throttles, the session list).
    let address: String
    /// The browser's own description of itself, shortened (the session list).
    let userAgent: String
}

extension Request {
    var caller: Caller {
        Caller(address: clientAddress, userAgent: String((headers.first(name: .userAgent) ?? "Unknown device").prefix(300)))
    }
}

import Vapor

/// Who is asking, as the services that throttle, record or mail need it: never the whole request.
struct Caller: Sendable {
    /// The client's address (throttles, the session list).
    let address: String
    /// The browser's own description of itself, shortened (the session list).
    let userAgent: String
    /// The language the caller reads (`Request.language`): a new account keeps it, and mails
    /// sent before there is an account use it.
    var language: String = Localizer.english
}

extension Request {
    var caller: Caller {
        Caller(
            address: clientAddress, userAgent: String((headers.first(name: .userAgent) ?? "Unknown device").prefix(300)),
            language: language)
    }
}

enum SMTPError: Error, Equatable, CustomStringConvertible {
    case invalidConfiguration(String)
    case connectionFailed(String)
    case timedOut
    case connectionClosed(during: String)
    case unexpectedReply(code: Int, text: String, during: String)
    case startTLSUnavailable
    case authenticationUnavailable
    case authenticationFailed(String)

    var description: String {
        switch self {
        case let .invalidConfiguration(reason): "Invalid SMTP configuration: \(reason)"
        case let .connectionFailed(reason): "Could not connect to the SMTP server: \(reason)"
        case .timedOut: "The SMTP server did not answer in time"
        case let .connectionClosed(step): "The SMTP server closed the connection during \(step)"
        case let .unexpectedReply(code, text, step): "The SMTP server answered \(code) \(text) to \(step)"
        case .startTLSUnavailable: "The SMTP server does not offer STARTTLS; refusing to send credentials in clear"
        case .authenticationUnavailable: "The SMTP server offers neither AUTH PLAIN nor AUTH LOGIN"
        case let .authenticationFailed(text): "The SMTP server refused the credentials: \(text)"
        }
    }
}

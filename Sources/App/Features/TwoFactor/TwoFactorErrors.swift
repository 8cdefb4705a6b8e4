import Vapor

extension AppError {
    static let challengeExpired = AppError(status: .badRequest, code: "challenge_expired", message: "This login has expired. Log in again.")
    static let challengeLocked = AppError(
        status: .badRequest, code: "challenge_locked",
        message: "Too many wrong codes. Log in again to get a new one.")
    static func wrongCode(triesLeft left: Int) -> AppError {
        let problem = left == 1 ? "That code is not right. One try left." : "That code is not right. \(left) tries left."
        return AppError(status: .badRequest, code: "invalid_code", message: problem, fields: ["code": problem])
    }
    static let resendNotAvailable = AppError(
        status: .badRequest, code: "resend_not_available",
        message: "Codes from an authenticator app are not sent by email.")
    static let noMoreCodes = AppError(
        status: .tooManyRequests, code: "rate_limited", message: "No more codes for this login. Log in again.")
    static let authenticatorAlreadyEnabled = AppError(
        status: .conflict, code: "authenticator_already_enabled",
        message: "An authenticator app is already set up. Remove it first to set up another.")
    static let noPendingAuthenticator = AppError(status: .conflict, code: "no_pending_authenticator", message: "Start the setup again.")
    static let enrolmentCodeMismatch = AppError.field(
        "code", "That code doesn't match. Check your app's clock and try the newest code.",
        code: "invalid_code")
}

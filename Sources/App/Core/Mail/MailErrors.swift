import Vapor

extension AppError {
    /// A send that failed is reported, never passed off as sent.
    static let emailNotSent = AppError(
        status: .serviceUnavailable, code: "email_not_sent",
        message: "We could not send the email. Please try again in a moment.")
}

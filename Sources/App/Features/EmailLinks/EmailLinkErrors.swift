import Vapor

extension AppError {
    /// Unknown, used and expired links answer alike: a link proves nothing once it is spent.
    static let invalidLink = AppError(
        status: .badRequest, code: "invalid_token",
        message: "This link has expired or was already used. Ask for a new one.")
    static let linkForOldAddress = AppError(
        status: .badRequest, code: "invalid_token",
        message: "This link is for an address no longer on the account.")
    static let alreadyConfirmed = AppError(
        status: .conflict, code: "already_confirmed",
        message: "Your email address is already confirmed.")
}

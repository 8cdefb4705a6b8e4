import Vapor

extension AppError {
    static let cannotFriendYourself = AppError(
        status: .badRequest, code: "cannot_friend_yourself",
        message: "You can't send yourself a friend request.", fields: ["username": "This is you."])
    static let alreadyFriends = AppError(status: .conflict, code: "already_friends", message: "You are already friends.")
    static let requestAlreadySent = AppError(
        status: .conflict, code: "request_already_sent",
        message: "Your request is waiting for an answer.")
    static let requestNotFound = AppError(status: .notFound, code: "request_not_found", message: "There is no such friend request.")
    static let notFriends = AppError(status: .forbidden, code: "not_friends", message: "You are not friends with this player.")
    /// Deliberately says nothing about why: a blocked player is not told they are blocked.
    static let requestNotAllowed = AppError(
        status: .forbidden, code: "request_not_allowed",
        message: "This friend request can't be sent.")
    static let requestConflict = AppError(
        status: .conflict, code: "request_conflict",
        message: "Someone else changed this request at the same moment. Try again.")
    static let cannotBlockYourself = AppError(
        status: .badRequest, code: "cannot_block_yourself", message: "You can't block yourself.",
        fields: ["username": "This is you."])
    static let notBlocked = AppError(status: .notFound, code: "not_blocked", message: "You have not blocked this player.")
    static func youBlocked(_ username: String) -> AppError {
        AppError(status: .conflict, code: "user_blocked", message: "You blocked \(username). Unblock them first.")
    }
}

import Vapor

extension AppError {
    static let cannotInviteYourself = AppError(
        status: .badRequest, code: "cannot_invite_yourself",
        message: "You can't invite yourself to a game.", fields: ["username": "This is you."])
    static func onlyFriendsCanBeInvited(_ username: String) -> AppError {
        AppError(
            status: .forbidden, code: "not_friends", message: "You can invite only your friends; \(username) isn't one yet.",
            fields: ["username": "Not your friend yet."])
    }
    static let invitationAlreadySent = AppError(
        status: .conflict, code: "invitation_already_sent",
        message: "Your invitation is waiting for an answer.")
    static let alreadyInviting = AppError(
        status: .conflict, code: "already_inviting",
        message: "You are already waiting for an answer to another invitation. Cancel it first.")
    static func busy(_ username: String) -> AppError {
        AppError(status: .conflict, code: "busy", message: "\(username) is in a game right now. Try again when it's over.")
    }
    static let youAreInAGame = AppError(status: .conflict, code: "busy", message: "You are in a game. Finish it first.")
    static let inQueue = AppError(
        status: .conflict, code: "in_queue",
        message: "You are waiting for a quick match. Leave the queue to invite a friend.")
    static let notConnected = AppError(
        status: .conflict, code: "not_connected",
        message: "Keep the site open in a tab while you wait: a quick match needs a live connection.")
    static let invitationNotFound = AppError(status: .notFound, code: "invitation_not_found", message: "There is no such invitation.")
    static let invitationClosed = AppError(
        status: .conflict, code: "invitation_closed",
        message: "This invitation was already answered, cancelled or has expired.")
}

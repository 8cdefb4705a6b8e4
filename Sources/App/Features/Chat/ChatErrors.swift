import Vapor

extension AppError {
    /// Not a member and no such conversation answer alike: nobody learns which conversations exist.
    static let conversationNotFound = AppError(
        status: .notFound, code: "conversation_not_found",
        message: "This conversation does not exist or you are not in it.")
    /// Deliberately vague: a blocked player is not told they are blocked.
    static let cannotMessage = AppError(
        status: .forbidden, code: "cannot_message",
        message: "Your message could not be delivered to this player.")
    static let roomFull = AppError(
        status: .conflict, code: "room_full", message: "A room holds at most \(ChatConversations.roomMemberLimit) players.",
        fields: ["username": "A room holds at most \(ChatConversations.roomMemberLimit) players."])
    static let tooManyRooms = AppError(
        status: .conflict, code: "too_many_rooms",
        message: "You have reached the limit of \(ChatConversations.roomsPerCreator) rooms created. Use one of your rooms instead.")
    static let cannotMessageYourself = AppError(
        status: .badRequest, code: "cannot_message_yourself", message: "You can't message yourself.",
        fields: ["username": "This is you."])
    static func alreadyMember(_ username: String) -> AppError {
        AppError(status: .conflict, code: "already_member", message: "\(username) is already in this room.")
    }
    static func noPlayerCalled(_ username: String, field: String) -> AppError {
        AppError(
            status: .notFound, code: "user_not_found", message: "No player is called \(username).",
            fields: [field: "No player is called \(username)."])
    }
    static func onlyFriendsJoinRooms(_ username: String, field: String) -> AppError {
        AppError.field(field, "You can add only your friends; \(username) isn't one yet.", code: "cannot_invite")
    }
    static let notARoom = AppError(
        status: .badRequest, code: "not_a_room",
        message: "Only rooms have members to add or leave.")
    static func chatFlood(retryAfter seconds: Int) -> AppError {
        AppError(
            status: .tooManyRequests, code: "chat_rate_limited",
            message: "You're sending messages too fast. Wait \(seconds) s and send it again.",
            headers: ["Retry-After": String(seconds)])
    }
}

extension AppError {
    /// A moderator's mute: the message is refused, with the time left.
    static func muted(until: Date, now: Date) -> AppError {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        let left = Self.timeLeft(minutes: minutes)
        var error = AppError(
            status: .forbidden, code: "muted", message: "A moderator muted you in chat. You can write again in \(left).")
        error.until = until
        return error
    }
}

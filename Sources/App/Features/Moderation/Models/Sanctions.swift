import Fluent
import Foundation

/// A moderator's mute: the player's chat messages are refused until `until`.
final class ChatMute: Model, @unchecked Sendable {
    static let schema = "chat_mutes"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "until") var until: Date
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, until: Date, reason: String, at now: Date) {
        $user.id = userID
        self.until = until
        self.reason = reason
        createdAt = now
    }

    /// The mute `userID` is under at `now`, if any (the longest, when several overlap).
    static func current(for userID: UUID, at now: Date, on db: any Database) async throws -> ChatMute? {
        try await ChatMute.query(on: db).filter(\.$user.$id == userID).filter(\.$until > now).sort(\.$until, .descending).first()
    }
}

/// A suspended account: no login, no session, no socket until `until` (nil: for good).
final class Suspension: Model, @unchecked Sendable {
    static let schema = "suspensions"

    @ID(key: .id) var id: UUID?

    // data fields
    @OptionalField(key: "until") var until: Date?
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, until: Date?, reason: String, at now: Date) {
        $user.id = userID
        self.until = until
        self.reason = reason
        createdAt = now
    }

    /// The suspension `userID` is under at `now`, if any (one for good before any with an end).
    static func current(for userID: UUID, at now: Date, on db: any Database) async throws -> Suspension? {
        let open = try await Suspension.query(on: db).filter(\.$user.$id == userID)
            .group(.or) { $0.filter(\.$until == nil).filter(\.$until > now) }
            .all()
        return open.first { $0.until == nil } ?? open.max { ($0.until ?? .distantFuture) < ($1.until ?? .distantFuture) }
    }
}

/// A room sender one player chose to hide (without blocking them): their room messages no longer
/// reach that player. Direct conversations are untouched: blocking is for those.
final class HiddenSender: Model, @unchecked Sendable {
    static let schema = "hidden_senders"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "hidden_id") var hidden: User

    init() {}

    init(user: UUID, hidden: UUID, at now: Date) {
        $user.id = user
        $hidden.id = hidden
        createdAt = now
    }

    static func hiddenIDs(by userID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await HiddenSender.query(on: db).filter(\.$user.$id == userID).all(\.$hidden.$id))
    }
}

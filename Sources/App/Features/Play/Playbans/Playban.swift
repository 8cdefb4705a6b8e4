import Fluent
import Foundation

/// A rated game one player left: quit, lost their connection past the grace, or never came.
/// The player who was left never has one.
final class Abandonment: Model, @unchecked Sendable {
    static let schema = "abandonments"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "match_id") var matchID: UUID
    @Field(key: "reason") var reason: Match.EndReason
    @Field(key: "at") var at: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, matchID: UUID, reason: Match.EndReason, at: Date) {
        $user.id = userID
        self.matchID = matchID
        self.reason = reason
        self.at = at
    }
}

/// A time in which a player may not queue, invite, challenge or offer a rematch, earned by leaving
/// rated games (`PlaybanRules`). Kept after it ends: the next one is longer for it.
final class Playban: Model, @unchecked Sendable {
    static let schema = "playbans"

    @ID(key: .id) var id: UUID?

    // data fields
    /// 0 for the first ban in the escalation window, then 1, 2, 3…: the length grows with it.
    @Field(key: "level") var level: Int
    /// The abandoned games that earned it, as its player is told.
    @Field(key: "abandonments") var abandonments: Int
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "until") var until: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, level: Int, abandonments: Int, startedAt: Date, until: Date) {
        $user.id = userID
        self.level = level
        self.abandonments = abandonments
        self.startedAt = startedAt
        self.until = until
    }
}

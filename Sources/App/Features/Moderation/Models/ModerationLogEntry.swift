import Fluent
import Foundation

/// One moderator's action: who, what, to whom, when and why. Append-only: rows are created by the
/// moderation service and never updated or deleted by any route. Names are copied, so the log still
/// reads right after an account is renamed or deleted.
final class ModerationLogEntry: Model, @unchecked Sendable {
    static let schema = "moderation_log"

    enum Action: String, Codable, Sendable {
        case dismiss, warn, mute, unmute
        case resetUsername = "reset_username"
        case resetAvatar = "reset_avatar"
        case suspend, unsuspend
        case markFarmed = "mark_farmed"
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?

    // data fields
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: Action
    @OptionalField(key: "target_id") var targetID: UUID?
    @Field(key: "target_name") var targetName: String
    @OptionalField(key: "report_id") var reportID: UUID?
    @Field(key: "reason") var reason: String
    /// What the action set: a mute's or suspension's end, the old username, the farmed pair.
    @OptionalField(key: "details") var details: String?
    @Field(key: "at") var at: Date

    init() {}

    init(
        actor: User, action: Action, target: User, reportID: UUID?, reason: String, details: String?, at: Date
    ) {
        actorID = actor.id
        actorName = actor.username
        self.action = action
        targetID = target.id
        targetName = target.username
        self.reportID = reportID
        self.reason = reason
        self.details = details
        self.at = at
    }
}

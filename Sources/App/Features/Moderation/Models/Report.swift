import Fluent
import Foundation

/// A player's report of another: why, in their words, and what it is about (a chat message, a
/// game, a tournament, or the player as a whole). Never shown to the reported player.
final class Report: Model, @unchecked Sendable {
    static let schema = "reports"

    enum Reason: String, Codable, Sendable, CaseIterable {
        case chatAbuse = "chat_abuse"
        case cheating
        case offensiveName = "offensive_name"
        case other
    }

    enum Status: String, Codable, Sendable {
        /// Waiting for a moderator.
        case open
        /// A moderator acted on it, or dismissed it.
        case closed
    }

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "reason") var reason: Reason
    @OptionalField(key: "text") var text: String?
    @OptionalField(key: "message_id") var messageID: Int?
    @OptionalField(key: "match_id") var matchID: UUID?
    @OptionalField(key: "tournament_id") var tournamentID: UUID?
    @Field(key: "status") var status: Status
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?

    // relationships
    /// Nil once the reporter's account is gone: the report stays for the moderators.
    @OptionalParent(key: "reporter_id") var reporter: User?
    @Parent(key: "target_id") var target: User

    init() {}
}

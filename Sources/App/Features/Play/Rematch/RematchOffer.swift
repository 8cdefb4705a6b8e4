import Fluent
import Foundation

/// One finished remote game's rematch, from the first offer (or the first player to leave the end
/// screen) on: pending → accepted (the new game), declined, withdrawn, or lapsed (30 s, or a player
/// left the end screen). `closed`: a player left before anyone offered.
final class RematchOffer: Model, @unchecked Sendable {
    static let schema = "rematch_offers"

    enum Status: String, Codable, Sendable {
        case pending, accepted, declined, withdrawn, lapsed, closed
    }

    @ID(custom: "match_id", generatedBy: .user) var id: UUID?

    // data fields
    @Field(key: "status") var status: Status
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "game_id") var gameID: UUID?
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "from_user_id") var from: User
    @Parent(key: "to_user_id") var to: User

    init() {}

    init(match: UUID, from: UUID, to: UUID, status: Status, at now: Date, lifetime: TimeInterval) {
        id = match
        $from.id = from
        $to.id = to
        self.status = status
        createdAt = now
        expiresAt = now.addingTimeInterval(lifetime)
    }
}

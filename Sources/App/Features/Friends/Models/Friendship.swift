import Fluent
import Foundation

/// A friend request (`pending`) or a friendship (`accepted`) between two
/// players, stored once per pair with the smaller id first.
final class Friendship: Model, @unchecked Sendable {
    static let schema = "friendships"

    enum Status: String, Codable, Sendable { case pending, accepted }

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "status") var status: Status
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?

    // relationships
    @Parent(key: "user_low_id") var userLow: User
    @Parent(key: "user_high_id") var userHigh: User
    @Parent(key: "requester_id") var requester: User

    init() {}

    init(requester: UUID, addressee: UUID, at now: Date) {
        let pair = Self.pair(requester, addressee)
        self.$userLow.id = pair.low
        self.$userHigh.id = pair.high
        self.$requester.id = requester
        self.status = .pending
        self.createdAt = now
    }

    /// The pair in its stored order.
    static func pair(_ one: UUID, _ other: UUID) -> (low: UUID, high: UUID) {
        one.uuidString < other.uuidString ? (one, other) : (other, one)
    }

    func other(than userID: UUID) -> UUID {
        $userLow.id == userID ? $userHigh.id : $userLow.id
    }

    /// The row for a pair, whatever its state.
    static func between(_ one: UUID, _ other: UUID, on db: any Database) async throws -> Friendship? {
        let pair = pair(one, other)
        return try await Friendship.query(on: db)
            .filter(\.$userLow.$id == pair.low).filter(\.$userHigh.$id == pair.high).first()
    }

    /// Every row that involves `userID`.
    static func involving(_ userID: UUID, on db: any Database) -> QueryBuilder<Friendship> {
        Friendship.query(on: db).group(.or) { $0.filter(\.$userLow.$id == userID).filter(\.$userHigh.$id == userID) }
    }
}

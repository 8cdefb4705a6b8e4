import Fluent
import Foundation

/// `blocker` no longer hears from `blocked`: no messages, requests or
/// invitations, and `blocked` disappears from the blocker's lists.
final class Block: Model, @unchecked Sendable {
    static let schema = "blocks"

    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "created_at") var createdAt: Date

    // relationships
    @Parent(key: "blocker_id") var blocker: User
    @Parent(key: "blocked_id") var blocked: User

    init() {}

    init(blocker: UUID, blocked: UUID, at now: Date) {
        self.$blocker.id = blocker
        self.$blocked.id = blocked
        self.createdAt = now
    }

    /// Whether either of the two blocks the other.
    static func existsBetween(_ one: UUID, _ other: UUID, on db: any Database) async throws -> Bool {
        try await Block.query(on: db).group(.or) { either in
            either.group(.and) { $0.filter(\.$blocker.$id == one).filter(\.$blocked.$id == other) }
            either.group(.and) { $0.filter(\.$blocker.$id == other).filter(\.$blocked.$id == one) }
        }.first() != nil
    }

    static func exists(blocker: UUID, blocked: UUID, on db: any Database) async throws -> Bool {
        try await Block.query(on: db).filter(\.$blocker.$id == blocker).filter(\.$blocked.$id == blocked).first() != nil
    }

    /// Everyone `userID` has blocked.
    static func blockedIDs(by userID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await Block.query(on: db).filter(\.$blocker.$id == userID).all().map { $0.$blocked.id })
    }
}

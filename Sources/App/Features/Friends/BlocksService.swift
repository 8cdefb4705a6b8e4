import Fluent
import Vapor

/// Blocking. It is silent: the blocked player gets no notice. What they can
/// see is what any removal shows, the friendship (or request) is gone.
struct BlocksService {
    let db: any Database
    let users: ConnectedUsers
    let clock: AppClock
    /// A block ends the game invitations pending between the two.
    let invitations: InvitationService

    func list(for me: UUID) async throws -> [UserSummaryDTO] {
        try await Block.query(on: db).filter(\.$blocker.$id == me).with(\.$blocked).sort(\.$createdAt, .descending).all()
            .map { UserSummaryDTO($0.blocked) }
    }

    /// Blocks `target`; blocking twice is the same as once.
    func block(_ target: User, by me: User) async throws {
        let meID = try me.requireID(), targetID = try target.requireID()
        guard meID != targetID else {
            throw AppError.cannotBlockYourself
        }
        do {
            try await Block(blocker: meID, blocked: targetID, at: clock.now).create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return
        }
        let hadFriendship = try await Friendship.between(meID, targetID, on: db)
        try await hadFriendship?.delete(on: db)
        // Their requests and news disappear from my lists.
        try await UserNotification.query(on: db).filter(\.$user.$id == meID).filter(\.$actor.$id == targetID).delete()
        try await invitations.cancelBetween(meID, targetID)
        if hadFriendship != nil {
            users.send(to: [meID, targetID], .friend(FriendEvent(event: .removed, user: UserSummaryDTO(me))))
        }
    }

    func unblock(_ target: User, by me: User) async throws {
        let meID = try me.requireID(), targetID = try target.requireID()
        guard try await Block.exists(blocker: meID, blocked: targetID, on: db) else {
            throw AppError.notBlocked
        }
        try await Block.query(on: db).filter(\.$blocker.$id == meID).filter(\.$blocked.$id == targetID).delete()
    }
}

extension Application {
    func blocks(on db: any Database) -> BlocksService {
        BlocksService(db: db, users: connectedUsers, clock: clock, invitations: invitations(on: db))
    }
}

extension Request {
    var blocks: BlocksService { application.blocks(on: db) }
}

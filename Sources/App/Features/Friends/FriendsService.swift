import Fluent
import Foundation
import SQLKit
import Vapor

/// Friend requests and friendships. Every rule lives here; the controller
/// only parses. Races end in one row: the pair is unique in the database, an
/// insert that loses re-reads what won, and an accept only applies to a row
/// still pending (so a double accept notifies once).
struct FriendsService {
    let db: any Database
    let users: ConnectedUsers
    let limiter: RateLimiter
    let notifications: NotificationsService
    let clock: AppClock

    enum Throttle {
        /// Requests one player may send: plenty for making friends, too few to spam.
        static let requestsPerSender = RateLimiter.Rule(limit: 20, window: 600)
        /// Requests to the same player: a request/cancel loop can't keep pinging them.
        static let requestsPerPair = RateLimiter.Rule(limit: 3, window: 3_600)
    }

    static func friendIDs(of userID: UUID, on db: any Database) async throws -> [UUID] {
        try await Friendship.involving(userID, on: db).filter(\.$status == .accepted).all().map { $0.other(than: userID) }
    }

    static func areFriends(_ one: UUID, _ other: UUID, on db: any Database) async throws -> Bool {
        try await Friendship.between(one, other, on: db)?.status == .accepted
    }

    func overview(for me: UUID) async throws -> FriendsOverviewDTO {
        let rows = try await Friendship.involving(me, on: db).all()
        let people = try await usersByID(rows.map { $0.other(than: me) })
        var friends: [FriendDTO] = [], incoming: [FriendRequestDTO] = [], outgoing: [FriendRequestDTO] = []
        for row in rows {
            let otherID = row.other(than: me)
            guard let other = people[otherID] else { continue }
            switch row.status {
            case .accepted:
                friends.append(
                    FriendDTO(
                        user: UserSummaryDTO(other), presence: users.presence(of: otherID),
                        since: row.acceptedAt ?? row.createdAt))
            case .pending where row.$requester.id == me:
                outgoing.append(FriendRequestDTO(user: UserSummaryDTO(other), sentAt: row.createdAt))
            case .pending:
                incoming.append(FriendRequestDTO(user: UserSummaryDTO(other), sentAt: row.createdAt))
            }
        }
        // Online friends first, then by name, as every friend list does.
        friends.sort {
            ($0.presence == .offline ? 1 : 0, $0.user.username.lowercased()) < (
                $1.presence == .offline ? 1 : 0, $1.user.username.lowercased()
            )
        }
        incoming.sort { $0.sentAt > $1.sentAt }
        outgoing.sort { $0.sentAt > $1.sentAt }
        return FriendsOverviewDTO(friends: friends, incoming: incoming, outgoing: outgoing)
    }

    func relation(of me: UUID, to other: User) async throws -> Relation {
        let otherID = try other.requireID()
        if otherID == me { return .me }
        if try await Block.exists(blocker: me, blocked: otherID, on: db) { return .blocked }
        return Self.relation(of: me, in: try await Friendship.between(me, otherID, on: db))
    }

    static func relation(of me: UUID, in row: Friendship?) -> Relation {
        guard let row else { return .none }
        switch row.status {
        case .accepted: return .friends
        case .pending: return row.$requester.id == me ? .outgoing : .incoming
        }
    }

    /// Sends a request, or accepts theirs if they already asked.
    /// A request to the player called `username` (404 `user_not_found` if nobody is).
    func request(from me: User, toNamed username: String) async throws -> FriendRequestResultDTO {
        try await request(from: me, to: User.named(username, on: db))
    }

    func request(from me: User, to target: User) async throws -> FriendRequestResultDTO {
        let meID = try me.requireID(), targetID = try target.requireID()
        guard meID != targetID else { throw AppError.cannotFriendYourself }
        if try await Block.exists(blocker: meID, blocked: targetID, on: db) { throw AppError.youBlocked(target.username) }
        if try await Block.exists(blocker: targetID, blocked: meID, on: db) { throw AppError.requestNotAllowed }
        _ = try await limiter.reserve([
            ("friend-request:sender:\(meID)", Throttle.requestsPerSender),
            ("friend-request:pair:\(meID):\(targetID)", Throttle.requestsPerPair)
        ])
        // Two rounds: an insert that loses a race re-reads the row that won it.
        for _ in 0..<2 {
            if let row = try await Friendship.between(meID, targetID, on: db) {
                switch Self.relation(of: meID, in: row) {
                case .friends: throw AppError.alreadyFriends
                case .outgoing: throw AppError.requestAlreadySent
                default: return try await accept(row, by: me, requester: target)
                }
            }
            do {
                try await Friendship(requester: meID, addressee: targetID, at: clock.now).create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
            try await notifications.notify(targetID, .friendRequest, actor: me)
            users.send(to: [meID, targetID], .friend(FriendEvent(event: .request, user: UserSummaryDTO(me))))
            return FriendRequestResultDTO(status: .pending, user: UserSummaryDTO(target))
        }
        throw AppError.requestConflict
    }

    /// `me` accepts `requester`'s pending request.
    func accept(from requester: User, by me: User) async throws -> FriendRequestResultDTO {
        let meID = try me.requireID(), requesterID = try requester.requireID()
        guard let row = try await Friendship.between(meID, requesterID, on: db),
            Self.relation(of: meID, in: row) == .incoming || row.status == .accepted
        else {
            throw AppError.requestNotFound
        }
        return try await accept(row, by: me, requester: requester)
    }

    func decline(from requester: User, by me: User) async throws {
        let meID = try me.requireID(), requesterID = try requester.requireID()
        guard let row = try await Friendship.between(meID, requesterID, on: db), Self.relation(of: meID, in: row) == .incoming else {
            throw AppError.requestNotFound
        }
        try await row.delete(on: db)
        users.send(to: [meID, requesterID], .friend(FriendEvent(event: .declined, user: UserSummaryDTO(me))))
    }

    func cancel(to addressee: User, by me: User) async throws {
        let meID = try me.requireID(), addresseeID = try addressee.requireID()
        guard let row = try await Friendship.between(meID, addresseeID, on: db), Self.relation(of: meID, in: row) == .outgoing else {
            throw AppError.requestNotFound
        }
        try await row.delete(on: db)
        // The request they have not answered is no longer news.
        try await UserNotification.query(on: db)
            .filter(\.$user.$id == addresseeID).filter(\.$actor.$id == meID).filter(\.$kind == .friendRequest).delete()
        users.send(to: [meID, addresseeID], .friend(FriendEvent(event: .canceled, user: UserSummaryDTO(me))))
    }

    func remove(_ friend: User, by me: User) async throws {
        let meID = try me.requireID(), friendID = try friend.requireID()
        guard let row = try await Friendship.between(meID, friendID, on: db), row.status == .accepted else {
            throw AppError.notFriends
        }
        try await row.delete(on: db)
        users.send(to: [meID, friendID], .friend(FriendEvent(event: .removed, user: UserSummaryDTO(me))))
    }

    /// Only a row still pending turns into a friendship, in one statement; the
    /// loser of a double accept finds it accepted and sends nothing twice.
    private func accept(_ row: Friendship, by me: User, requester: User) async throws -> FriendRequestResultDTO {
        let meID = try me.requireID(), requesterID = try requester.requireID()
        let result = FriendRequestResultDTO(status: .accepted, user: UserSummaryDTO(requester))
        if row.status == .accepted { return result }
        let sql = try db.sql
        let won = try await sql.update(Friendship.schema)
            .set("status", to: Friendship.Status.accepted.rawValue)
            .set("accepted_at", to: clock.now)
            .where("id", .equal, try row.requireID())
            .where("status", .equal, Friendship.Status.pending.rawValue)
            .returning("id")
            .all()
        guard !won.isEmpty else {
            guard try await Friendship.between(meID, requesterID, on: db)?.status == .accepted else { throw AppError.requestNotFound }
            return result
        }
        try await notifications.notify(requesterID, .friendAccepted, actor: me)
        try await notifications.markRead(of: meID, kind: .friendRequest, from: requesterID)
        users.send(to: [requesterID], .friend(FriendEvent(event: .accepted, user: UserSummaryDTO(me))))
        users.send(to: [meID], .friend(FriendEvent(event: .accepted, user: UserSummaryDTO(requester))))
        // Both now see each other's presence without waiting for a change.
        users.send(to: [requesterID], .presence(PresenceEvent(user: me.username, status: users.presence(of: meID))))
        users.send(to: [meID], .presence(PresenceEvent(user: requester.username, status: users.presence(of: requesterID))))
        return result
    }

    private func usersByID(_ ids: [UUID]) async throws -> [UUID: User] {
        guard !ids.isEmpty else { return [:] }
        let found = try await User.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: found.compactMap { user in user.id.map { ($0, user) } })
    }
}

extension Application {
    func friends(on db: any Database) -> FriendsService {
        FriendsService(
            db: db, users: connectedUsers, limiter: rateLimiter,
            notifications: notifications(on: db), clock: clock)
    }
}

extension Request {
    var friends: FriendsService { application.friends(on: db) }
}

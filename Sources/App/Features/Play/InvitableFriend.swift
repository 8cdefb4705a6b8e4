import Fluent
import Foundation

/// Whom a player may invite to play (a game or a tournament): a friend, not themselves; a player
/// who blocked them is answered as nobody, one they blocked plainly.
enum InvitableFriend {
    static func named(_ rawUsername: String, by me: User, on db: any Database) async throws -> User {
        let meID = try me.requireID()
        let username = rawUsername.trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty else { throw AppError.field("username", "Say whom to invite.") }
        let target = try await User.named(username, on: db)
        let targetID = try target.requireID()
        guard targetID != meID else { throw AppError.cannotInviteYourself }
        if try await Block.exists(blocker: targetID, blocked: meID, on: db) { throw AppError.userNotFound }
        if try await Block.exists(blocker: meID, blocked: targetID, on: db) { throw AppError.youBlocked(target.username) }
        guard try await FriendsService.areFriends(meID, targetID, on: db) else {
            throw AppError.onlyFriendsCanBeInvited(target.username)
        }
        return target
    }
}

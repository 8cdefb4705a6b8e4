import Fluent
import Foundation
import Vapor

/// Tells a player's friends when they come online, start a game or leave.
/// One task handles changes in order and always sends the *current* presence,
/// so a quick online → offline never ends with a stale "online". In a cluster each instance's
/// broadcaster hears every player's changes and tells that instance's tabs; each one that sees a
/// player go offline everywhere publishes `PlayerWentOffline`, whose reactions are idempotent
/// (leaving the queue twice, expiring an invitation already expired, change nothing).
struct PresenceBroadcaster: Sendable {
    let users: ConnectedUsers
    let database: @Sendable () throws -> any Database
    let logger: Logger
    /// Hears `PlayerWentOffline` when a player's last tab closes.
    let events: EventBus

    func run() async {
        for await userID in users.presenceChanges {
            if users.presence(of: userID) == .offline { await events.publish(PlayerWentOffline(userID: userID)) }
            do {
                let friends = try await FriendsService.friendIDs(of: userID, on: database())
                guard !friends.isEmpty,
                    let user = try await User.find(userID, on: database())
                else { continue }
                // Every instance hears every change (`TabsChanged`): each tells its own tabs.
                users.deliver(
                    ServerEvent.presence(PresenceEvent(user: user.username, status: users.presence(of: userID))).json(), to: friends)
            } catch {
                logger.warning("Presence of \(userID) not sent: \(String(reflecting: error))")
            }
        }
    }
}

struct PresenceEvent: Content {
    let user: String
    let status: ConnectedUsers.Presence
}

/// Starts the broadcaster with the app and ends it before the databases close.
final class SocialLifecycle: LifecycleHandler, @unchecked Sendable {
    private let users: ConnectedUsers
    private let task: Task<Void, Never>

    init(broadcaster: PresenceBroadcaster) {
        self.users = broadcaster.users
        self.task = Task { await broadcaster.run() }
    }

    func shutdownAsync(_ application: Application) async {
        users.finish()
        await task.value
    }
}

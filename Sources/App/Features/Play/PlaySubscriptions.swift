import PongCore
import Vapor

/// How the quick-match queue and invitations follow the rest of the site.
enum PlaySubscriptions: FeatureSubscriptions {
    static func subscribe(to bus: EventBus, in app: Application) {
        // A player in a remote game is in nothing else: they leave the queue and their other invitations end.
        bus.subscribe(RemoteGameStarted.self, as: "play.leave-queue-and-invitations") { started in
            for player in started.setup.participants {
                try await app.matchmaker.leave(player)
                try await app.invitations(on: app.db).cancelPending(of: player)
            }
        }
        // A quick match whose opponent never came sends whoever is still here back to their place in the queue.
        bus.subscribe(GameResultStored.self, as: "play.requeue-after-no-show") { stored in
            try await requeueAfterNoShow(stored.outcome, in: app)
        }
        // Closing the last tab leaves the queue, and what the player was inviting to lapses.
        bus.subscribe(PlayerWentOffline.self, as: "play.offline-leaves-queue") { offline in
            try await app.matchmaker.leave(offline.userID)
            try await app.invitations(on: app.db).expireOutgoing(of: offline.userID)
            try await app.rematches(on: app.db).lapseOffers(of: offline.userID)
        }
        bus.subscribe(AccountDeleted.self, as: "play.deleted-account-leaves-queue") { deleted in
            try await app.matchmaker.leave(deleted.userID)
        }
    }

    static func schedule(on scheduler: Scheduler, in app: Application) {
        // Woken at each deadline this instance sets; the sweep finds the rest (set on another instance, or before a restart).
        scheduler.every(5, InvitationService.expiryJob) { now in try await app.invitations(on: app.db).expireLapsed(at: now) }
        scheduler.every(5, RematchService.expiryJob) { now in try await app.rematches(on: app.db).expireLapsed(at: now) }
        // Pairs whoever has waited long enough for a wider rating range.
        scheduler.every(1, "play.matchmaking") { _ in try await app.quickMatch(on: app.db).pairWaitingPlayers() }
    }

    private static func requeueAfterNoShow(_ outcome: GameOutcome, in app: Application) async throws {
        guard outcome.isQuickMatchNoShow, let since = outcome.setup.queuedSince else { return }
        for side in [Side.left, .right] {
            let player = outcome.setup.player(side)
            guard let userID = player.userID, let joinedAt = since[userID], !(outcome.noShows ?? []).contains(userID)
            else { continue }
            try await app.quickMatch(on: app.db).requeue(userID, username: player.name, joinedAt: joinedAt)
        }
    }
}

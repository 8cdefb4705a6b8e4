import Vapor

/// How tournaments follow games and accounts.
enum TournamentSubscriptions: FeatureSubscriptions {
    static func subscribe(to bus: EventBus, in app: Application) {
        // Every stored result moves its tournament on.
        bus.subscribe(GameResultStored.self, as: "tournaments.advance") { stored in
            guard stored.outcome.setup.tournament != nil else { return }
            try await app.tournamentDirector(on: app.db).gameEnded(stored.outcome, stored: stored.record)
        }
        // A game that died with its instance is played again: its match is called anew.
        bus.subscribe(GamesAbandoned.self, as: "tournaments.recall-abandoned") { abandoned in
            try await app.tournamentDirector(on: app.db).reopenMatches(ofGames: abandoned.ids)
        }
        // Lobbies the account created close; running tournaments go on without it (it forfeits what remains).
        bus.subscribe(AccountDeleting.self, as: "tournaments.withdraw-deleted-account") { deleting in
            try await app.tournamentDirector(on: app.db).withdraw(deleting.userID)
        }
    }

    static func schedule(on scheduler: Scheduler, in app: Application) {
        // Woken at each deadline this instance sets; the sweep finds the rest (set on another instance, or before a restart).
        scheduler.every(5, TournamentDirector.readyCheckJob) { now in
            try await app.tournamentDirector(on: app.db).closeLapsedReadyChecks(at: now)
        }
    }
}

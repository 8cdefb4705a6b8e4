import Fluent
import Vapor

/// Rows that only ever expire: sessions nobody came back to, login and signup challenges, emailed
/// links. Each is refused once past its time already; this removes them a day later (the day in
/// between still tells a late click "this link expired" rather than "unknown link").
struct ExpiredRowsCleanup {
    static let job = "accounts.expired-rows"
    /// How long an expired row is kept, so a late answer still says why it was refused.
    static let keptAfterExpiry: TimeInterval = 86_400

    let db: any Database
    let config: AppConfig
    let events: EventBus

    func run(at now: Date) async throws {
        let cutoff = now.addingTimeInterval(-Self.keptAfterExpiry)
        let idleCutoff = now.addingTimeInterval(-config.sessionIdleTimeout)
        let sessions = try await UserSession.query(on: db)
            .group(.or) { $0.filter(\.$expiresAt <= now).filter(\.$lastSeenAt <= idleCutoff) }.all(\.$id)
        if !sessions.isEmpty {
            try await UserSession.query(on: db).filter(\.$id ~~ sessions).delete()
            // A tab left open on a session that ran out closes like any other ended session.
            await events.publish(SessionsEnded(sessions: sessions))
        }
        try await LoginChallenge.query(on: db).filter(\.$expiresAt <= cutoff).delete()
        try await SignupChallenge.query(on: db).filter(\.$expiresAt <= cutoff).delete()
        try await EmailToken.query(on: db).filter(\.$expiresAt <= cutoff).delete()
    }
}

/// Accounts' timed work.
enum AccountSubscriptions: FeatureSubscriptions {
    static func schedule(on scheduler: Scheduler, in app: Application) {
        scheduler.every(600, ExpiredRowsCleanup.job) { now in
            try await ExpiredRowsCleanup(db: app.db, config: app.config, events: app.events).run(at: now)
        }
    }
}

import Foundation

/// An account is about to go: its rows can still be read. Subscribers give up what it holds in their
/// feature (tournament lobbies it created close, running tournaments go on without it).
struct AccountDeleting: DomainEvent {
    static let name = "account_deleting"
    let userID: UUID
}

/// An account is gone, with its sessions; what referenced it in the database went with it.
/// Subscribers forget what they keep outside the database (a place in the quick-match queue).
struct AccountDeleted: DomainEvent {
    static let name = "account_deleted"
    let userID: UUID
}

/// Sessions ended (logout, revocation, a password change or reset, account deletion, expiry):
/// every socket opened with one of them closes at once, on whichever instance holds it.
struct SessionsEnded: ClusterEvent {
    static let name = "sessions_ended"
    /// These sessions, or every session of `allOf`.
    var sessions: [UUID] = []
    var allOf: UUID?

    init(sessions: [UUID]) {
        self.sessions = sessions
    }

    init(allSessionsOf userID: UUID) {
        self.allOf = userID
    }
}

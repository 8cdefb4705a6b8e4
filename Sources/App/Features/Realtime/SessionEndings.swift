import Foundation

/// Sessions end in several places (logout, revocation, password change or reset, account deletion,
/// expiry); whoever ends one announces it here, and every socket opened with it closes at once.
/// In-process today; with several instances an implementation would fan the announcement out
/// (PostgreSQL `NOTIFY`, for one) without the features changing.
protocol SessionEndings: Sendable {
    func ended(sessions: Set<UUID>)
    func ended(allSessionsOf userID: UUID)
}

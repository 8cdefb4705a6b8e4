import Foundation

/// A remote game's match row is written and its players are claimed: they play nothing else now.
struct RemoteGameStarted: DomainEvent {
    static let name = "remote_game_started"
    let setup: GameSetup
}

/// A finished game's result is stored (ratings and statistics with it). Published once per result,
/// before the result journal forgets it: a crash in between replays it at the next start, so a
/// subscriber may hear a result twice and must act on it once (tournaments check the match's state).
struct GameResultStored: DomainEvent {
    static let name = "game_result_stored"
    let outcome: GameOutcome
    /// The stored row (nil when the game was never stored, as a visitor's).
    let record: Match?
}

import Foundation

/// The live games other instances run, for the lists any instance answers ("what can I watch?",
/// "where is my game?"). Each instance lists the games it runs as they start, updates their
/// spectators at every heartbeat and delists them as they end; a game is read only while its
/// match is live and its owner beats, so a dead instance's games drop out of the lists by
/// themselves (and reappear under the instance that takes one over). One process has no such
/// directory: its own games are all there is.
protocol LiveGameDirectory: Sendable {
    func list(_ setup: GameSetup) async throws
    func delist(_ game: UUID) async throws
    /// This instance's games and how many watch each, at a heartbeat.
    func update(spectators: [UUID: Int]) async throws
    /// The live games of instances alive since `aliveSince`, except `me`'s own.
    func elsewhere(than me: String, aliveSince: Date) async throws -> [ListedGame]
}

struct ListedGame: Sendable {
    let setup: GameSetup
    let spectators: Int
}

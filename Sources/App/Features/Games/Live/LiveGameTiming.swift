import NIOCore
import PongCore

/// A live game's clocks and allowances, and why it can be paused (tests shorten the clocks).
extension LiveGame {
    struct Timing: Sendable {
        var tickInterval: TimeAmount = .nanoseconds(1_000_000_000 / Int64(Field.ticksPerSecond))
        /// The countdown before play starts and after every resume, in ticks.
        var countdownTicks = 90
        /// How long a local or AI game waits for its player to (re)connect before it is abandoned.
        var reconnectGrace: TimeAmount = .seconds(60)
        /// How long a local or AI game may stay paused with its player present.
        var pauseLimit: TimeAmount = .minutes(10)
        /// Remote games: how long a player has to arrive at the start, or to come back after losing
        /// their connection, before the other wins by forfeit.
        var remoteGrace: TimeAmount = .seconds(20)
        /// Remote games: how long one player may be away in all, across every drop of one game;
        /// past it a drop is a forfeit at once (closing and reopening the socket is no endless pause).
        var remoteGraceInTotal: TimeAmount = .seconds(60)
        /// Remote games: how long one pause lasts before play resumes on its own.
        var remotePause: TimeAmount = .seconds(30)
        /// Remote games: pauses each player may take.
        var pausesPerPlayer = 2
        /// Test-only (`GAME_TRUTH_STREAM=1`): beside the keyframes, every tick's true state as a
        /// `truth` frame, so a test can compare what a client draws with where the server has it.
        var streamsTruth = false
    }

    enum PauseReason: String, Codable, Sendable { case player, disconnected, waiting }
}

import Foundation
import PongCore

/// A player as clients see them: no internal ids.
struct PlayerDTO: Codable, Sendable, Equatable {
    let kind: Match.PlayerKind
    let name: String
    let aiLevel: PongAI.Difficulty?
    /// In an online game, the player's rating when it started.
    let rating: Int?

    init(_ player: GamePlayer) {
        kind = player.kind
        name = player.name
        aiLevel = player.aiLevel
        rating = player.rating
    }

    init(kind: Match.PlayerKind, name: String, aiLevel: String?) {
        self.kind = kind
        self.name = name
        self.aiLevel = aiLevel.flatMap(PongAI.Difficulty.init(rawValue:))
        rating = nil
    }
}

/// The fixed geometry, so the client draws what the engine simulates.
struct FieldDTO: Codable, Sendable {
    var width = Field.width
    var height = Field.height
    var paddleWidth = Field.paddleWidth
    var paddleInset = Field.paddleInset
    var ballSize = Field.ballSize
    var ticksPerSecond = Field.ticksPerSecond
    /// Units a paddle moves per tick while its key is held (clients predict their own paddle with it).
    var paddleSpeed = Field.paddleSpeed
    /// The rules of a return, so a client carries the ball on off a paddle as the engine does.
    var speedUpPerHit = Field.speedUpPerHit
    var maximumSpeedFactor = Field.maximumSpeedFactor
    var maximumBounceSlope = Field.maximumBounceSlope
    let paddleHeight: Double
    /// This game's serve speed (units per tick), from its ball-speed setting.
    let serveSpeed: Double

    init(settings: PongSettings) {
        paddleHeight = settings.paddleSize.height
        serveSpeed = settings.ballSpeed.serveSpeed
    }
}

/// What a player's browser learns on joining a live game (the `game` message).
struct LiveGameDTO: Codable, Sendable {
    let id: UUID
    let mode: Match.Mode
    let left: PlayerDTO
    let right: PlayerDTO
    let settings: GameSettingsDTO
    let field: FieldDTO
    /// The paddles this browser steers.
    let controls: [Side]
    let points: [PointRecord]
    /// A game that was paused (or lost its player) when this browser joined.
    let paused: Bool
    /// Whether the result moves the players' ratings.
    let rated: Bool
    /// `pair_limit`: asked for rated, played casual (this pair's rated games today are used up).
    let ratingNote: Match.RatingNote?
    /// Remote games: pauses this player has left.
    let pausesLeft: Int?
    /// How many watch.
    let spectators: Int
    /// The tournament match this game decides.
    let tournament: TournamentLink?
}

/// Each player's round trip to the server and how much it varies (its jitter), in ms, as their
/// browsers report them.
struct LatencyEvent: Codable, Sendable, Equatable {
    let left: Int?
    let right: Int?
    var leftJitter: Int?
    var rightJitter: Int?
}

/// Why a game stopped, who stopped it (a remote game's player, or who it is waiting for),
/// and, in remote games, the seconds before it resumes or is decided.
struct PausedEvent: Codable, Sendable, Equatable {
    /// `player`, `disconnected`, `waiting` (a remote game before both players arrived) or `moving`
    /// (sent by a relaying instance while the game passes from a dead owner to a survivor).
    let reason: String
    let by: String?
    let secondsLeft: Int?
}

import Foundation
import PongCore

/// Who plays one side of a game.
struct GamePlayer: Codable, Sendable, Equatable {
    var kind: Match.PlayerKind
    var name: String
    var userID: UUID?
    var aiLevel: PongAI.Difficulty?
    /// An account's rating when the game started, shown beside its name in online games.
    var rating: Int?

    static func user(_ id: UUID, username: String) -> GamePlayer {
        GamePlayer(kind: .user, name: username, userID: id)
    }

    static func guest(_ name: String) -> GamePlayer {
        GamePlayer(kind: .guest, name: name)
    }

    static func ai(_ level: PongAI.Difficulty) -> GamePlayer {
        GamePlayer(kind: .ai, name: "AI (\(level.rawValue))", aiLevel: level)
    }
}

/// The tournament match a game decides.
struct TournamentLink: Codable, Sendable, Equatable {
    let id: UUID
    let name: String
    let match: Int
    let roundName: String
}

/// Everything fixed when the server starts a game.
struct GameSetup: Codable, Sendable {
    let id: UUID
    let hostID: UUID
    let mode: Match.Mode
    var left: GamePlayer
    var right: GamePlayer
    let settings: GameSettingsDTO
    let seed: UInt64
    let startedAt: Date
    /// Whether the result moves both players' ratings (remote games only).
    var rated = false
    /// Asked for rated but played casual (the pair's rated games today are used up): told before play.
    var ratingNote: Match.RatingNote?
    /// Remote games: each player's own look (the rules are shared, the colours are not).
    var looks: [UUID: GameLook] = [:]
    /// A tournament's match: the screens link back to the tournament.
    var tournament: TournamentLink?
    /// A quick match: when each player joined the queue (a no-show sends the other back to their place).
    var queuedSince: [UUID: Date]?
    /// A visitor's game against the computer (no account): where they play from, for the per-address
    /// limit. Nothing of such a game is stored; it lives only while it is played.
    var visitorAddress: String?

    var isVisitorGame: Bool { visitorAddress != nil }

    /// A game between two players on two machines: `left` serves first; each keeps their own look.
    static func remote(
        left: (id: UUID, username: String, look: GameLook), right: (id: UUID, username: String, look: GameLook),
        settings: GameSettingsDTO, rated: Bool, at now: Date
    ) -> GameSetup {
        var setup = GameSetup(
            id: UUID(), hostID: left.id, mode: .remote,
            left: .user(left.id, username: left.username), right: .user(right.id, username: right.username),
            settings: settings, seed: UInt64.random(in: .min ... .max), startedAt: now)
        setup.rated = rated
        setup.looks = [left.id: left.look, right.id: right.look]
        return setup
    }

    /// The settings as `userID`'s browser draws them.
    func settings(for userID: UUID) -> GameSettingsDTO {
        var mine = settings
        if let look = looks[userID] { mine.look = look }
        return mine.withResolvedLook
    }

    func player(_ side: Side) -> GamePlayer { side == .left ? left : right }

    /// The sides a browser of the host may steer: both on one keyboard, the human side against the AI.
    var controllableSides: [Side] {
        [Side.left, .right].filter { player($0).kind != .ai }
    }

    /// The accounts whose browsers take part: the host of a local or AI game, both players of a remote one.
    var participants: [UUID] {
        mode == .remote ? [left.userID, right.userID].compactMap { $0 } : [hostID]
    }

    /// The sides `userID`'s browsers steer: their own paddle in a remote game, the host's sides otherwise.
    func sides(of userID: UUID) -> [Side] {
        if mode == .remote { return [Side.left, .right].filter { player($0).userID == userID } }
        return userID == hostID ? controllableSides : []
    }

    func side(of userID: UUID) -> Side? {
        [Side.left, .right].first { player($0).userID == userID }
    }
}

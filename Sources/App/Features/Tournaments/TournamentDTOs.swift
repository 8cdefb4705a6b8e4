import Foundation
import PongCore
import Vapor

/// What a tournament may be: checked before anything is stored.
enum TournamentRules {
    static let minimumPlayers = 3
    static let onlinePlayers = 3...16
    static let localPlayers = 3...8
    static let aliasLength = 1...20
    /// How long a called player has to say they are ready.
    static let defaultReadyCheck: TimeInterval = 60

    static func name(_ raw: String?) throws -> String {
        let name = ChatText.trimmed(raw ?? "")
        if name.isEmpty { throw AppError.field("name", "Give the tournament a name.") }
        if let problem = ChatText.roomNameProblem(name) { throw AppError.field("name", problem) }
        return name
    }

    /// 3–8 aliases, each trimmed, 1–20 characters, no two alike (ignoring case).
    static func aliases(_ raw: [String]?) throws -> [String] {
        guard let raw, localPlayers.contains(raw.count) else {
            throw AppError.field("aliases", "Enter between \(localPlayers.lowerBound) and \(localPlayers.upperBound) players.")
        }
        var seen = Set<String>()
        return try raw.enumerated().map { index, alias in
            let name = ChatText.trimmed(alias)
            if !aliasLength.contains(name.count) {
                throw AppError.field("aliases", "Player \(index + 1): use 1 to \(aliasLength.upperBound) characters.")
            }
            if let problem = ChatText.roomNameProblem(name) { throw AppError.field("aliases", "Player \(index + 1): \(problem)") }
            guard seen.insert(name.lowercased()).inserted else {
                throw AppError.field("aliases", "\(name) is entered twice: every player needs a different name.")
            }
            return name
        }
    }
}

/// `POST /api/tournaments`: online (`capacity` players, invited later) or local (`aliases`).
struct CreateTournamentRequest: Decodable {
    let kind: Tournament.Kind?
    let name: String?
    let capacity: Int?
    let aliases: [String]?
    let pointsToWin: Int?
    let ballSpeed: PongSettings.BallSpeed?
    let paddleSize: PongSettings.PaddleSize?
    let rated: Bool?
    let seeding: Tournament.Seeding?
}

struct TournamentInviteRequest: Decodable {
    let username: String
}

struct TournamentRulesDTO: Content, Equatable {
    let pointsToWin: Int
    let ballSpeed: PongSettings.BallSpeed
    let paddleSize: PongSettings.PaddleSize
    let rated: Bool
}

struct TournamentParticipantDTO: Content, Equatable {
    let id: UUID
    /// The name shown: the username (or alias), or "deleted player".
    let name: String
    /// The account's username while it exists (online); nil for aliases and deleted accounts.
    let username: String?
    let status: TournamentParticipant.Status
    let seed: Int?
    let placement: Int?

    init(_ participant: TournamentParticipant, kind: Tournament.Kind) throws {
        id = try participant.requireID()
        let deleted = kind == .online && participant.$user.id == nil
        name = deleted ? "deleted player" : participant.name
        username = deleted || kind == .local ? nil : participant.name
        status = participant.status
        seed = participant.seed
        placement = participant.placement
    }
}

struct TournamentMatchDTO: Content, Equatable {
    let number: Int
    let round: Int
    let roundName: String
    let position: Int
    let status: TournamentMatch.Status
    let left: UUID?
    let right: UUID?
    let winner: UUID?
    let leftScore: Int?
    let rightScore: Int?
    let longestRally: Int?
    let durationMs: Int?
    let endReason: String?
    /// The live game while it is played; the match record (same id) once it is over.
    let gameID: UUID?
    let matchID: UUID?
    let leftReady: Bool
    let rightReady: Bool
    let calledAt: Date?
    let readyDeadline: Date?
    let startedAt: Date?
    let endedAt: Date?

    init(_ match: TournamentMatch, rounds: Int) {
        number = match.matchNumber
        round = match.round
        roundName = Bracket.roundName(match.round, of: rounds)
        position = match.position
        status = match.status
        left = match.leftID
        right = match.rightID
        winner = match.winnerID
        leftScore = match.leftScore
        rightScore = match.rightScore
        longestRally = match.longestRally
        durationMs = match.durationMilliseconds
        endReason = match.endReason
        gameID = match.gameID
        matchID = match.$match.id
        leftReady = match.leftReady
        rightReady = match.rightReady
        calledAt = match.calledAt
        readyDeadline = match.readyDeadline
        startedAt = match.startedAt
        endedAt = match.endedAt
    }
}

/// The whole tournament: what the lobby, the live bracket and the recap draw.
struct TournamentDTO: Content {
    struct Totals: Content, Equatable {
        let matchesPlayed: Int
        let points: Int
        let longestRally: Int
        /// From the start to the end (or now, while it runs).
        let durationMs: Int?
    }

    struct Viewer: Content, Equatable {
        /// creator, player (joined), invited, or none.
        let role: String
        let participant: UUID?
    }

    let id: UUID
    let name: String
    let kind: Tournament.Kind
    let status: Tournament.Status
    let creator: String
    let capacity: Int
    let rules: TournamentRulesDTO
    let seeding: Tournament.Seeding
    let rounds: Int
    let conversationID: UUID?
    let winner: UUID?
    let createdAt: Date
    let startedAt: Date?
    let endedAt: Date?
    /// Every seat; before the start only the creator and the invited see them (who the creator's
    /// friends are, and who said no, is theirs to know), everyone else sees just `playerCount`.
    let participants: [TournamentParticipantDTO]
    /// Players who have joined.
    let playerCount: Int
    let matches: [TournamentMatchDTO]
    /// Final places, best first (finished tournaments).
    let ranking: [TournamentParticipantDTO]
    let totals: Totals
    let viewer: Viewer
}

/// One line of a tournaments list.
struct TournamentSummaryDTO: Content, Equatable {
    let id: UUID
    let name: String
    let kind: Tournament.Kind
    let status: Tournament.Status
    let creator: String
    let players: Int
    let capacity: Int
    let winner: String?
    /// The listed player's place, once decided.
    let placement: Int?
    let createdAt: Date
    let startedAt: Date?
    let endedAt: Date?
}

struct TournamentPageDTO: Content {
    let items: [TournamentSummaryDTO]
    let page: Int
    let per: Int
    let total: Int
}

/// `tournament` on the socket: something changed; the screens showing it fetch it again.
struct TournamentEventDTO: Codable, Sendable, Equatable {
    let tournament: UUID
    /// created, invited, joined, declined, left, removed, started, cancelled, match, finished
    let change: String
}

/// `tournament_call` on the socket: a match of mine is ready (called), its game started, or it was decided without me.
struct TournamentCallDTO: Content, Equatable {
    let tournament: UUID
    let tournamentName: String
    let match: Int
    let roundName: String
    let opponent: String
    /// called, started, decided
    let status: String
    let readyDeadline: Date?
    let calledAt: Date?
    let game: UUID?
    /// `calledAt` in ms since 1970, precise enough to time how fast a call reaches the players.
    let calledAtMs: Double?

    init(
        tournament: UUID, tournamentName: String, match: Int, roundName: String, opponent: String, status: String,
        readyDeadline: Date?, calledAt: Date?, game: UUID?
    ) {
        self.tournament = tournament
        self.tournamentName = tournamentName
        self.match = match
        self.roundName = roundName
        self.opponent = opponent
        self.status = status
        self.readyDeadline = readyDeadline
        self.calledAt = calledAt
        self.game = game
        self.calledAtMs = calledAt.map { ($0.timeIntervalSince1970 * 1000).rounded() }
    }
}

struct LocalMatchStartDTO: Content {
    let game: UUID
}

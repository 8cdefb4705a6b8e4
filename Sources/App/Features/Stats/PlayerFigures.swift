import Foundation

/// What one closed match says, as the figures need it (from a stored row or a finished game).
struct MatchFacts: Sendable {
    let id: UUID
    let mode: Match.Mode
    let status: Match.Status
    let winner: String?
    let leftUser: UUID?
    let rightUser: UUID?
    let leftScore: Int
    let rightScore: Int
    let longestRally: Int
    /// The AI's level, when one side is the AI.
    let aiLevel: String?
    let endedAt: Date
}

/// A player's counters. `apply` is the one definition of how a match moves them: the
/// incremental update and `rebuild-stats` both use it, so the two always agree.
struct PlayerFigures: Equatable, Sendable {
    enum Mode: String, CaseIterable, Sendable {
        case online, local
        case aiEasy = "ai_easy"
        case aiMedium = "ai_medium"
        case aiHard = "ai_hard"
    }

    struct Record: Equatable, Sendable {
        var played = 0
        var won = 0
        var lost = 0
    }

    var played = 0
    var won = 0
    var lost = 0
    var abandoned = 0
    var pointsScored = 0
    var pointsConceded = 0
    var longestRally = 0
    var currentStreak = 0
    var bestStreak = 0
    var tournamentsPlayed = 0
    var tournamentsWon = 0
    var modes: [Mode: Record] = [:]

    static func mode(of match: MatchFacts) -> Mode {
        switch match.mode {
        case .remote: .online
        case .local: .local
        case .ai: match.aiLevel == "easy" ? .aiEasy : match.aiLevel == "hard" ? .aiHard : .aiMedium
        }
    }

    /// The match as `userID` played it (who must hold one of its paddles).
    mutating func apply(_ match: MatchFacts, as userID: UUID) {
        let side = match.leftUser == userID ? "left" : "right"
        let (mine, theirs) = side == "left" ? (match.leftScore, match.rightScore) : (match.rightScore, match.leftScore)
        let mode = Self.mode(of: match)
        played += 1
        modes[mode, default: Record()].played += 1
        pointsScored += mine
        pointsConceded += theirs
        longestRally = max(longestRally, match.longestRally)
        guard match.status != .abandoned, let winner = match.winner else {
            abandoned += 1
            return
        }
        if winner == side {
            won += 1
            modes[mode, default: Record()].won += 1
            if mode == .online {
                currentStreak += 1
                bestStreak = max(bestStreak, currentStreak)
            }
        } else {
            lost += 1
            modes[mode, default: Record()].lost += 1
            if mode == .online { currentStreak = 0 }
        }
    }
}

/// The site's totals.
struct SiteFigures: Equatable, Sendable {
    var matches = 0
    var remoteMatches = 0
    var localMatches = 0
    var aiMatches = 0
    var points = 0
    var longestRally = 0
    var longestRallyMatchID: UUID?
    var tournaments = 0

    mutating func apply(_ match: MatchFacts) {
        matches += 1
        switch match.mode {
        case .remote: remoteMatches += 1
        case .local: localMatches += 1
        case .ai: aiMatches += 1
        }
        points += match.leftScore + match.rightScore
        // The first match to reach a length keeps the record.
        if match.longestRally > longestRally {
            longestRally = match.longestRally
            longestRallyMatchID = match.id
        }
    }
}

extension MatchFacts {
    init(_ match: Match) throws {
        self.init(
            id: try match.requireID(), mode: match.mode, status: match.status, winner: match.winner,
            leftUser: match.$leftUser.id, rightUser: match.$rightUser.id, leftScore: match.leftScore,
            rightScore: match.rightScore, longestRally: match.longestRally,
            aiLevel: match.leftAILevel ?? match.rightAILevel, endedAt: match.endedAt ?? match.startedAt)
    }

    /// The players whose figures it moves.
    var players: [UUID] { [leftUser, rightUser].compactMap { $0 } }

    /// YYYY-MM-DD (UTC) of the day it was played.
    var day: String { Self.dayFormat(endedAt) }

    static func dayFormat(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

import Foundation
import PongCore
import Vapor

/// `POST /api/challenges`: the rules (each defaults to the creator's stored settings), casual unless `rated`.
struct CreateChallengeRequest: Decodable {
    let pointsToWin: Int?
    let ballSpeed: PongSettings.BallSpeed?
    let paddleSize: PongSettings.PaddleSize?
    let rated: Bool?
}

/// A challenge as its creator sees it: the link (only ever shown to them), a QR code of it, and
/// where it stands.
struct MyChallengeDTO: Content {
    let id: UUID
    /// The path to share (`/challenge/<token>`) and the whole address.
    let path: String
    let url: String
    /// The address as a QR code (SVG), for a phone to scan.
    let qrSVG: String
    let rules: InvitationRules
    let status: Challenge.Status
    let expiresAt: Date
    let game: UUID?
}

/// A challenge as the one who opened its link sees it.
struct ChallengeDTO: Content {
    let id: UUID
    let from: UserSummaryDTO
    let rules: InvitationRules
    let expiresAt: Date
    /// The game it started, for the one who accepted it.
    let game: UUID?
}

/// What the creator is told on the socket: someone accepted (with the game), declined, or it ended.
struct ChallengeEventDTO: Content, Equatable {
    enum Change: String, Codable, Sendable { case accepted, declined, cancelled }
    let id: UUID
    let change: Change
    /// Who accepted or declined.
    let by: String?
    let game: UUID?
}

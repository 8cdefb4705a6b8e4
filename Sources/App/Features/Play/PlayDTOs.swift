import Foundation
import PongCore
import Vapor

/// What the inviter chooses: the rules both play by (each keeps their own look), and whether it is rated.
struct InvitationRules: Codable, Sendable, Equatable {
    var pointsToWin: Int
    var ballSpeed: PongSettings.BallSpeed
    var paddleSize: PongSettings.PaddleSize
    var rated: Bool
}

/// `POST /api/invitations`: whom to invite; the rules default to the inviter's stored settings, casual.
struct InviteRequest: Decodable {
    let username: String
    let pointsToWin: Int?
    let ballSpeed: PongSettings.BallSpeed?
    let paddleSize: PongSettings.PaddleSize?
    let rated: Bool?
}

struct InvitationDTO: Content, Equatable {
    let id: UUID
    let from: UserSummaryDTO
    let to: UserSummaryDTO
    let status: GameInvitation.Status
    let rules: InvitationRules
    let createdAt: Date
    let expiresAt: Date
    /// The game an accepted invitation started: both players' browsers go to it.
    let gameID: UUID?

    init(_ invitation: GameInvitation, from inviter: User, to invitee: User) throws {
        id = try invitation.requireID()
        from = UserSummaryDTO(inviter)
        to = UserSummaryDTO(invitee)
        status = invitation.status
        rules = InvitationRules(
            pointsToWin: invitation.pointsToWin,
            ballSpeed: PongSettings.BallSpeed(rawValue: invitation.ballSpeed) ?? .normal,
            paddleSize: PongSettings.PaddleSize(rawValue: invitation.paddleSize) ?? .normal,
            rated: invitation.rated)
        createdAt = invitation.createdAt
        expiresAt = invitation.expiresAt
        gameID = invitation.gameID
    }
}

/// `GET /api/invitations`: my pending ones, both ways.
struct InvitationsDTO: Content {
    let incoming: [InvitationDTO]
    let outgoing: [InvitationDTO]
}

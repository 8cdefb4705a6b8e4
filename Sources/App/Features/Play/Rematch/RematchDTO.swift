import Foundation
import Vapor

/// Where a rematch stands, told to both players (`rematch` on the socket) and answered to each request.
struct RematchDTO: Content, Equatable {
    /// The game it would replay.
    let match: UUID
    let from: String
    let to: String
    /// `pending` until answered; a pending offer past `expiresAt` reads `lapsed`.
    let status: RematchOffer.Status
    let expiresAt: Date
    /// Seconds left to answer, so a browser whose clock differs counts down the same 30 s.
    let secondsLeft: Int
    /// The new game, once accepted: both browsers go to it.
    let game: UUID?

    init(_ offer: RematchOffer, from: String, to: String, now: Date) throws {
        match = try offer.requireID()
        self.from = from
        self.to = to
        let lapsed = offer.status == .pending && offer.expiresAt <= now
        status = lapsed ? .lapsed : offer.status
        expiresAt = offer.expiresAt
        secondsLeft = status == .pending ? max(0, Int(offer.expiresAt.timeIntervalSince(now).rounded(.up))) : 0
        game = offer.gameID
    }
}

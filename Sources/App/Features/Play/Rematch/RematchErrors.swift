import Vapor

extension AppError {
    static let noRematch = AppError(
        status: .conflict, code: "no_rematch",
        message: "Rematches are for games between two players outside tournaments.")
    static let rematchAlreadyOffered = AppError(
        status: .conflict, code: "rematch_already_offered", message: "You already offered a rematch for this game.")
    static let rematchClosed = AppError(
        status: .conflict, code: "rematch_closed",
        message: "This rematch is no longer possible: it was answered, it lapsed, or a player left the game.")
    static let noRematchOffer = AppError(
        status: .notFound, code: "no_rematch_offer", message: "Nobody offered you a rematch for this game.")
}

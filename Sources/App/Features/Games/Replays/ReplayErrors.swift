import Vapor

extension AppError {
    static let gameStillLive = AppError(
        status: .conflict, code: "game_live", message: "This game is still being played: watch it live, or replay it once it is over.")
    static let noReplay = AppError(
        status: .notFound, code: "no_replay", message: "There is no replay for this game: it was played before games were recorded.")
    static let replayPrivate = AppError(
        status: .forbidden, code: "replay_private", message: "Only the host of a game played on one keyboard can replay it.")
}

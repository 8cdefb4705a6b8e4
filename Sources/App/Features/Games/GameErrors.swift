import Vapor

extension AppError {
    static func tooManyGames(_ limit: Int) -> AppError {
        AppError(status: .conflict, code: "too_many_games", message: "You already have \(limit) games going. Finish or leave one first.")
    }
    /// Games still running answer like unknown ones: a match is public once it is over.
    static let matchNotFound = AppError(status: .notFound, code: "match_not_found", message: "No match has this id.")
}

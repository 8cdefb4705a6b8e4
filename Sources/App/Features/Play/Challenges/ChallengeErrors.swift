import Vapor

extension AppError {
    /// Unknown, expired, used, cancelled, or between players who blocked each other: one answer, no hint which.
    static let challengeNotFound = AppError(
        status: .notFound, code: "challenge_not_found", message: "This challenge doesn't exist any more.")
    static let ownChallenge = AppError(
        status: .conflict, code: "own_challenge", message: "This is your own challenge: send the link to someone else.")
    static let challengerAway = AppError(
        status: .conflict, code: "challenger_away",
        message: "The player who made this challenge isn't on the site right now. Try again later.")
    static let tooManyChallenges = AppError(
        status: .conflict, code: "too_many_challenges", message: "You have 3 open challenges. Cancel one before making another.")
}

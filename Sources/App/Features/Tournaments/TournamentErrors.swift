import Vapor

extension AppError {
    static func tooManyOpenLobbies(_ limit: Int) -> AppError {
        AppError(
            status: .conflict, code: "too_many_lobbies",
            message: "You already have \(limit) tournaments waiting to start. Start or cancel one first.")
    }
    static let tournamentNotFound = AppError(status: .notFound, code: "tournament_not_found", message: "There is no such tournament.")
    static let tournamentMatchNotFound = AppError(
        status: .notFound, code: "tournament_match_not_found",
        message: "This tournament has no such match.")
    static let notTheCreator = AppError(
        status: .forbidden, code: "not_the_creator",
        message: "Only the player who created the tournament can do that.")
    static let tournamentStarted = AppError(status: .conflict, code: "tournament_started", message: "The tournament has already started.")
    static let tournamentFinished = AppError(status: .conflict, code: "tournament_finished", message: "The tournament is already over.")
    static let tournamentCancelled = AppError(status: .conflict, code: "tournament_cancelled", message: "The tournament was cancelled.")
    static let tournamentNotRunning = AppError(
        status: .conflict, code: "tournament_not_running", message: "The tournament is not being played.")
    static let tournamentFull = AppError(status: .conflict, code: "tournament_full", message: "The tournament is full.")
    static let notInvitedToTournament = AppError(
        status: .forbidden, code: "not_invited",
        message: "You haven't been invited to this tournament.")
    static let alreadyInTournament = AppError(
        status: .conflict, code: "already_joined", message: "You have already joined this tournament.")
    static func alreadyInvitedToTournament(_ username: String) -> AppError {
        AppError(
            status: .conflict, code: "already_invited", message: "\(username) is already invited.", fields: ["username": "Already invited."]
        )
    }
    static func notEnoughPlayers(_ joined: Int) -> AppError {
        AppError(
            status: .conflict, code: "not_enough_players",
            message: "A tournament needs at least \(TournamentRules.minimumPlayers) players; \(joined) joined so far.")
    }
    static let creatorCannotLeave = AppError(
        status: .conflict, code: "creator_cannot_leave",
        message: "You created this tournament: cancel it instead of leaving.")
    static let notInThisMatch = AppError(status: .forbidden, code: "not_your_match", message: "You don't play in this match.")
    static let matchNotCalled = AppError(
        status: .conflict, code: "match_not_ready",
        message: "This match is not waiting for its players.")
    static let notALocalTournament = AppError(status: .conflict, code: "not_local", message: "Only a local tournament is played from here.")
}

import Fluent
import PongCore
import Vapor

/// Starting a player's own games (same keyboard, against the AI) from their stored settings, and
/// the lists of live games: theirs, and every one anyone signed in may watch.
struct GameStarts {
    let db: any Database
    let games: GameHub
    let gameSettings: GameSettingsService
    let clock: AppClock
    let instanceID: String

    func start(_ request: StartGameRequest, by user: User, on eventLoop: any EventLoop) async throws -> StartedGameDTO {
        let userID = try user.requireID()
        let settings = try await gameSettings.settings(of: userID)
        let host = GamePlayer.user(userID, username: user.username)
        let (left, right): (GamePlayer, GamePlayer)
        switch request.mode {
        case .remote:
            // A game against someone else starts from an invitation they accept, never from here.
            throw AppError.field("mode", "Play someone else by inviting them; this starts local and AI games.", code: "validation_failed")
        case .ai:
            (left, right) = (host, .ai(request.difficulty ?? settings.aiDifficulty))
        case .local:
            (left, right) = try Self.localPlayers(request, host: host, hostName: user.username)
        }
        let setup = GameSetup(
            id: UUID(), hostID: userID, mode: request.mode, left: left, right: right, settings: settings,
            seed: UInt64.random(in: .min ... .max), startedAt: clock.now)
        return StartedGameDTO(try await games.start(setup, on: eventLoop, db: db).setup)
    }

    /// Every player of a same-keyboard game has their own name: a guest can't pass for the host
    /// (whose record it would seem to be) or for the other guest.
    private static func localPlayers(_ request: StartGameRequest, host: GamePlayer, hostName: String) throws -> (GamePlayer, GamePlayer) {
        var fields: [String: String] = [:]
        var leftPlayer = host
        if let leftName = request.leftName {
            switch StartGameRequest.guestName(leftName) {
            case let .success(name): leftPlayer = .guest(name)
            case let .failure(problem): fields["leftName"] = problem.message
            }
        }
        var rightPlayer = host
        switch StartGameRequest.guestName(request.rightName) {
        case let .success(name): rightPlayer = .guest(name)
        case let .failure(problem): fields["rightName"] = problem.message
        }
        let taken = { (name: String, others: [String]) in others.contains { $0.lowercased() == name.lowercased() } }
        if fields["leftName"] == nil, leftPlayer.kind == .guest, taken(leftPlayer.name, [hostName]) {
            fields["leftName"] = "Choose a name other than \(hostName): that's you."
        }
        if fields["rightName"] == nil, rightPlayer.kind == .guest {
            if taken(rightPlayer.name, [hostName]) {
                fields["rightName"] = "Choose a name other than \(hostName): that's you."
            } else if taken(rightPlayer.name, [leftPlayer.name]) {
                fields["rightName"] = "Give the two players different names."
            }
        }
        guard fields.isEmpty else { throw AppError.validation(fields) }
        return (leftPlayer, rightPlayer)
    }

    /// Every live game anyone signed in may watch, the newest first.
    func watchable() async throws -> [WatchableGameDTO] {
        let here = games.watchableGames().map { ListedGame(setup: $0.setup, spectators: $0.spectatorCount) }
        return try await withElsewhere(here).map { WatchableGameDTO($0.setup, spectators: $0.spectators) }
            .sorted { $0.startedAt > $1.startedAt }
    }

    /// The games `userID` takes part in, to go back to one.
    func live(of userID: UUID) async throws -> [StartedGameDTO] {
        let here = games.liveGames(of: userID).map { ListedGame(setup: $0.setup, spectators: $0.spectatorCount) }
        return try await withElsewhere(here).filter { $0.setup.participants.contains(userID) }.map { StartedGameDTO($0.setup) }
            .sorted { $0.startedAt > $1.startedAt }
    }

    /// `here` and, in a cluster, the games the other instances run (a game taken over in between
    /// counts once, as this instance's).
    private func withElsewhere(_ here: [ListedGame]) async throws -> [ListedGame] {
        here + (try await games.listedElsewhere(than: instanceID, at: clock.now)).filter { !$0.setup.isVisitorGame }
    }
}

extension Application {
    func gameStarts(on db: any Database) -> GameStarts {
        GameStarts(db: db, games: games, gameSettings: gameSettings(on: db), clock: clock, instanceID: config.instanceID)
    }
}

extension Request {
    var gameStarts: GameStarts { application.gameStarts(on: db) }
}

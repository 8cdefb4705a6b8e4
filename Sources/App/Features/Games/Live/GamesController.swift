import Fluent
import PongCore
import Vapor

/// `POST /api/games` starts a same-keyboard or vs-AI game for the signed-in
/// user; `GET /api/games` lists their games still running (to go back to one).
struct GamesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let games = routes.grouped("games")
        games.post(use: start)
        games.get(use: live)
        games.get("live", use: everyone)
    }

    /// Every live game, for anyone signed in to watch: the newest first.
    @Sendable func everyone(req: Request) async throws -> [WatchableGameDTO] {
        _ = try req.requireUser()
        return req.application.games.watchableGames()
            .map { WatchableGameDTO($0.setup, spectators: $0.spectatorCount) }
            .sorted { $0.startedAt > $1.startedAt }
    }

    @Sendable func start(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let body = try req.decodeJSON(StartGameRequest.self)
        let settings = try await GameSettingsRecord.settings(of: userID, on: req.db)
        let host = GamePlayer.user(userID, username: user.username)

        let left: GamePlayer
        let right: GamePlayer
        switch body.mode {
        case .remote:
            // A game against someone else starts from an invitation they accept, never from here.
            throw AppError.field("mode", "Play someone else by inviting them; this starts local and AI games.", code: "validation_failed")
        case .ai:
            left = host
            right = .ai(body.difficulty ?? settings.aiDifficulty)
        case .local:
            var fields: [String: String] = [:]
            var leftPlayer = host
            if let leftName = body.leftName {
                switch StartGameRequest.guestName(leftName) {
                case let .success(name): leftPlayer = .guest(name)
                case let .failure(problem): fields["leftName"] = problem.message
                }
            }
            var rightPlayer = host
            switch StartGameRequest.guestName(body.rightName) {
            case let .success(name): rightPlayer = .guest(name)
            case let .failure(problem): fields["rightName"] = problem.message
            }
            // Every player of a game has their own name: a guest can't pass for the host (whose
            // record it would seem to be) or for the other guest.
            let taken = { (name: String, others: [String]) in others.contains { $0.lowercased() == name.lowercased() } }
            if fields["leftName"] == nil, leftPlayer.kind == .guest, taken(leftPlayer.name, [user.username]) {
                fields["leftName"] = "Choose a name other than \(user.username): that's you."
            }
            if fields["rightName"] == nil, rightPlayer.kind == .guest {
                if taken(rightPlayer.name, [user.username]) {
                    fields["rightName"] = "Choose a name other than \(user.username): that's you."
                } else if taken(rightPlayer.name, [leftPlayer.name]) {
                    fields["rightName"] = "Give the two players different names."
                }
            }
            guard fields.isEmpty else { throw AppError.validation(fields) }
            left = leftPlayer
            right = rightPlayer
        }

        let setup = GameSetup(
            id: UUID(), hostID: userID, mode: body.mode, left: left, right: right, settings: settings,
            seed: UInt64.random(in: .min ... .max), startedAt: req.clock.now)
        let game = try await req.application.games.start(setup, on: req.eventLoop, db: req.db)
        return try await StartedGameDTO(game.setup).encodeResponse(status: .created, for: req)
    }

    @Sendable func live(req: Request) async throws -> [StartedGameDTO] {
        let userID = try req.requireUser().requireID()
        return req.application.games.liveGames(of: userID)
            .map { StartedGameDTO($0.setup) }
            .sorted { $0.startedAt > $1.startedAt }
    }
}

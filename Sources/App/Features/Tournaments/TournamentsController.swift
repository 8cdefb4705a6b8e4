import Fluent
import Vapor

/// `/api/tournaments`: create one (online or local), fill its lobby, start it, say ready for a
/// called match, play a local match, and read any tournament or a player's list.
struct TournamentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tournaments = routes.grouped("tournaments")
        tournaments.get(use: mine)
        tournaments.post(use: create)
        tournaments.get("calls", use: calls)
        tournaments.get(":id", use: detail)
        tournaments.post(":id", "invitations", use: invite)
        tournaments.delete(":id", "invitations", ":username", use: uninvite)
        tournaments.post(":id", "join", use: join)
        tournaments.post(":id", "decline", use: decline)
        tournaments.post(":id", "leave", use: leave)
        tournaments.post(":id", "start", use: start)
        tournaments.post(":id", "cancel", use: cancel)
        tournaments.post(":id", "matches", ":number", "ready", use: ready)
        tournaments.post(":id", "matches", ":number", "play", use: play)
        routes.get("users", ":username", "tournaments", use: played)
    }

    @Sendable func mine(req: Request) async throws -> TournamentPageDTO {
        let me = try req.requireUser().requireID()
        let (page, per) = try PageParameters.parse(
            req, defaultPer: TournamentDirector.defaultPageSize, maximumPer: TournamentDirector.maximumPageSize)
        return try await req.tournamentDirector.mine(me, filter: try filter(req), page: page, per: per)
    }

    @Sendable func calls(req: Request) async throws -> [TournamentCallDTO] {
        try await req.tournamentDirector.pendingCalls(for: try req.requireUser().requireID())
    }

    @Sendable func played(req: Request) async throws -> TournamentPageDTO {
        let user = try await req.namedUser()
        let (page, per) = try PageParameters.parse(
            req, defaultPer: TournamentDirector.defaultPageSize, maximumPer: TournamentDirector.maximumPageSize)
        return try await req.tournamentDirector.played(by: user.requireID(), filter: try filter(req), page: page, per: per)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeJSON(CreateTournamentRequest.self)
        let tournament = try await req.tournaments.create(body, by: try req.requireUser())
        return try await tournament.encodeResponse(status: .created, for: req)
    }

    @Sendable func detail(req: Request) async throws -> TournamentDTO {
        try await req.tournamentDirector.describe(try tournamentID(req), for: req.auth.get(User.self)?.id)
    }

    @Sendable func invite(req: Request) async throws -> TournamentDTO {
        let body = try req.decodeJSON(TournamentInviteRequest.self)
        return try await req.tournaments.invite(body.username, to: try tournamentID(req), by: try req.requireUser())
    }

    @Sendable func uninvite(req: Request) async throws -> TournamentDTO {
        try await req.tournaments.uninvite(req.parameters.get("username") ?? "", from: try tournamentID(req), by: try req.requireUser())
    }

    @Sendable func join(req: Request) async throws -> TournamentDTO {
        try await req.tournaments.join(try tournamentID(req), by: try req.requireUser())
    }

    @Sendable func decline(req: Request) async throws -> TournamentDTO {
        try await req.tournaments.decline(try tournamentID(req), by: try req.requireUser())
    }

    @Sendable func leave(req: Request) async throws -> TournamentDTO {
        try await req.tournaments.leave(try tournamentID(req), by: try req.requireUser())
    }

    @Sendable func start(req: Request) async throws -> TournamentDTO {
        try await req.tournaments.start(try tournamentID(req), by: try req.requireUser())
    }

    @Sendable func cancel(req: Request) async throws -> TournamentDTO {
        try await req.tournaments.cancel(try tournamentID(req), by: try req.requireUser())
    }

    @Sendable func ready(req: Request) async throws -> TournamentDTO {
        try await req.tournamentDirector.ready(try tournamentID(req), match: try matchNumber(req), by: try req.requireUser())
    }

    @Sendable func play(req: Request) async throws -> LocalMatchStartDTO {
        try await req.tournamentDirector.playLocal(try tournamentID(req), match: try matchNumber(req), by: try req.requireUser())
    }

    private func tournamentID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.tournamentNotFound }
        return id
    }

    private func matchNumber(_ req: Request) throws -> Int {
        guard let number = req.parameters.get("number").flatMap(Int.init), number > 0 else { throw AppError.tournamentMatchNotFound }
        return number
    }

    private func filter(_ req: Request) throws -> TournamentDirector.ListFilter {
        guard let raw = req.query[String.self, at: "status"] else { return .all }
        guard let filter = TournamentDirector.ListFilter(rawValue: raw) else {
            throw AppError.field("status", "Use one of: \(TournamentDirector.ListFilter.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return filter
    }
}

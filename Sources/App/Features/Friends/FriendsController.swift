import Vapor

/// `/api/friends`: the friend panel, requests and their answers, player search.
struct FriendsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let friends = routes.grouped("friends")
        friends.get(use: overview)
        friends.get("search", use: search)
        friends.get("with", ":username", use: relation)
        friends.delete(":username", use: remove)
        let requests = friends.grouped("requests")
        requests.post(use: request)
        requests.post(":username", "accept", use: accept)
        requests.post(":username", "decline", use: decline)
        requests.delete(":username", use: cancel)
    }

    @Sendable func overview(req: Request) async throws -> FriendsOverviewDTO {
        try await req.friends.overview(for: try req.requireUser().requireID())
    }

    @Sendable func search(req: Request) async throws -> PlayerSearchPageDTO {
        let me = try req.requireUser().requireID()
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = PlayerSearch.problem(with: query) { throw AppError.field("q", problem) }
        let (page, per) = try PageParameters.parse(req, defaultPer: PlayerSearch.defaultPageSize, maximumPer: PlayerSearch.maximumPageSize)
        return try await req.playerSearch.search(query, for: me, page: page, per: per)
    }

    @Sendable func relation(req: Request) async throws -> RelationDTO {
        let me = try req.requireUser().requireID()
        let other = try await req.namedUser()
        return RelationDTO(user: UserSummaryDTO(other), relation: try await req.friends.relation(of: me, to: other))
    }

    @Sendable func request(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let body = try req.decodeJSON(FriendRequestBody.self)
        let result = try await req.friends.request(from: me, toNamed: body.username)
        return try await result.encodeResponse(status: result.status == .pending ? .created : .ok, for: req)
    }

    @Sendable func accept(req: Request) async throws -> FriendRequestResultDTO {
        try await req.friends.accept(from: try await req.namedUser(), by: try req.requireUser())
    }

    @Sendable func decline(req: Request) async throws -> HTTPStatus {
        try await req.friends.decline(from: try await req.namedUser(), by: try req.requireUser())
        return .noContent
    }

    @Sendable func cancel(req: Request) async throws -> HTTPStatus {
        try await req.friends.cancel(to: try await req.namedUser(), by: try req.requireUser())
        return .noContent
    }

    @Sendable func remove(req: Request) async throws -> HTTPStatus {
        try await req.friends.remove(try await req.namedUser(), by: try req.requireUser())
        return .noContent
    }
}

import Vapor

/// `/api/challenges`: make an open challenge and get its link (`POST`), cancel it (`DELETE /{id}`);
/// `/api/challenges/link/{token}`: see the challenge behind a link, accept or decline it.
struct ChallengesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let challenges = routes.grouped("challenges")
        challenges.post(use: create)
        challenges.delete(":id", use: cancel)
        let link = challenges.grouped("link", ":token")
        link.get(use: show)
        link.post("accept", use: accept)
        link.post("decline", use: decline)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let challenge = try await req.challenges.create(try req.decodeJSON(CreateChallengeRequest.self), by: try req.requireUser())
        return try await challenge.encodeResponse(status: .created, for: req)
    }

    @Sendable func cancel(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.challengeNotFound }
        try await req.challenges.cancel(id, by: try req.requireUser())
        return .noContent
    }

    @Sendable func show(req: Request) async throws -> ChallengeDTO {
        try await req.challenges.show(token: token(req), to: try req.requireUser())
    }

    @Sendable func accept(req: Request) async throws -> ChallengeDTO {
        try await req.challenges.accept(token: token(req), by: try req.requireUser())
    }

    @Sendable func decline(req: Request) async throws -> HTTPStatus {
        try await req.challenges.decline(token: token(req), by: try req.requireUser())
        return .noContent
    }

    private func token(_ req: Request) -> String {
        req.parameters.get("token") ?? ""
    }
}

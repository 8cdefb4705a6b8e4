import Vapor

/// `/api/matches/{id}/rematch`: offer a rematch after a remote game (`POST`), accept or decline the
/// other player's (`POST …/accept`, `…/decline`), and leave the end screen (`DELETE`: my offer is
/// withdrawn, theirs lapses).
struct RematchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let rematch = routes.grouped("matches", ":id", "rematch")
        rematch.post(use: offer)
        rematch.post("accept", use: accept)
        rematch.post("decline", use: decline)
        rematch.delete(use: leave)
    }

    @Sendable func offer(req: Request) async throws -> Response {
        let rematch = try await req.rematches.offer(after: try matchID(req), by: try req.requireUser())
        // A crossing offer answers with the game it started instead of a new offer.
        return try await rematch.encodeResponse(status: rematch.status == .pending ? .created : .ok, for: req)
    }

    @Sendable func accept(req: Request) async throws -> RematchDTO {
        try await req.rematches.accept(after: try matchID(req), by: try req.requireUser())
    }

    @Sendable func decline(req: Request) async throws -> RematchDTO {
        try await req.rematches.decline(after: try matchID(req), by: try req.requireUser())
    }

    @Sendable func leave(req: Request) async throws -> HTTPStatus {
        try await req.rematches.leave(after: try matchID(req), by: try req.requireUser())
        return .noContent
    }

    private func matchID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.matchNotFound }
        return id
    }
}

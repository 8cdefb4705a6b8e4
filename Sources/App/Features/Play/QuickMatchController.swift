import Vapor

/// `/api/matchmaking`: join the quick-match queue, see where I stand, leave it.
struct QuickMatchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let queue = routes.grouped("matchmaking")
        queue.get(use: status)
        queue.post(use: join)
        queue.delete(use: leave)
    }

    @Sendable func status(req: Request) async throws -> QueueStatusDTO {
        try await req.quickMatch.status(of: try req.requireUser())
    }

    /// The answer says whether the player still waits; a pairing arrives as `match_found` on the socket.
    @Sendable func join(req: Request) async throws -> Response {
        let status = try await req.quickMatch.join(try req.requireUser())
        return try await status.encodeResponse(status: .accepted, for: req)
    }

    @Sendable func leave(req: Request) async throws -> HTTPStatus {
        try await req.quickMatch.leave(try req.requireUser())
        return .noContent
    }
}

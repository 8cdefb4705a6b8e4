import Vapor

/// `/api/blocks`: who I blocked; `PUT` blocks, `DELETE` unblocks.
struct BlocksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let blocks = routes.grouped("blocks")
        blocks.get(use: list)
        blocks.put(":username", use: block)
        blocks.delete(":username", use: unblock)
    }

    @Sendable func list(req: Request) async throws -> [UserSummaryDTO] {
        try await req.blocks.list(for: try req.requireUser().requireID())
    }

    @Sendable func block(req: Request) async throws -> HTTPStatus {
        try await req.blocks.block(try await req.namedUser(), by: try req.requireUser())
        return .noContent
    }

    @Sendable func unblock(req: Request) async throws -> HTTPStatus {
        try await req.blocks.unblock(try await req.namedUser(), by: try req.requireUser())
        return .noContent
    }
}

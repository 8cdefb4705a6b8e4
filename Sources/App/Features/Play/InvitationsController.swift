import Vapor

/// `/api/invitations`: invite a friend to a game, see mine, and answer them.
struct InvitationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let invitations = routes.grouped("invitations")
        invitations.get(use: list)
        invitations.post(use: invite)
        invitations.post(":id", "accept", use: accept)
        invitations.post(":id", "decline", use: decline)
        invitations.delete(":id", use: cancel)
    }

    @Sendable func list(req: Request) async throws -> InvitationsDTO {
        try await req.invitations.pending(for: try req.requireUser().requireID())
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(InviteRequest.self)
        let invitation = try await req.invitations.invite(body, by: user)
        // A crossing invitation answers with the game it started instead of a new invitation.
        return try await invitation.encodeResponse(status: invitation.status == .pending ? .created : .ok, for: req)
    }

    @Sendable func accept(req: Request) async throws -> InvitationDTO {
        try await req.invitations.accept(try invitationID(req), by: try req.requireUser())
    }

    @Sendable func decline(req: Request) async throws -> InvitationDTO {
        try await req.invitations.decline(try invitationID(req), by: try req.requireUser())
    }

    @Sendable func cancel(req: Request) async throws -> InvitationDTO {
        try await req.invitations.cancel(try invitationID(req), by: try req.requireUser())
    }

    private func invitationID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.invitationNotFound }
        return id
    }
}

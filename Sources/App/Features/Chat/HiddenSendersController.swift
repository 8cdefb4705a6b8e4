import Fluent
import Vapor

/// `/api/chat/hidden`: the room senders I chose not to read, without blocking them (they can still
/// message me, invite me and play me). `PUT …/{username}` hides, `DELETE` shows them again.
struct HiddenSendersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let hidden = routes.grouped("chat", "hidden")
        hidden.get(use: list)
        hidden.put(":username", use: hide)
        hidden.delete(":username", use: show)
    }

    struct HiddenDTO: Content {
        let usernames: [String]
    }

    @Sendable func list(req: Request) async throws -> HiddenDTO {
        let ids = try await HiddenSender.hiddenIDs(by: try req.requireUser().requireID(), on: req.db)
        let names = try await User.query(on: req.db).filter(\.$id ~~ ids).all(\.$username)
        return HiddenDTO(usernames: names.sorted { $0.lowercased() < $1.lowercased() })
    }

    @Sendable func hide(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser().requireID()
        let other = try await req.namedUser().requireID()
        guard other != me else { throw AppError.field("username", "You can't hide your own messages.", code: "cannot_hide_yourself") }
        do {
            try await HiddenSender(user: me, hidden: other, at: req.application.clock.now).create(on: req.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Hidden already: the same answer.
        }
        return .noContent
    }

    @Sendable func show(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser().requireID()
        let other = try await req.namedUser().requireID()
        try await HiddenSender.query(on: req.db).filter(\.$user.$id == me).filter(\.$hidden.$id == other).delete()
        return .noContent
    }
}

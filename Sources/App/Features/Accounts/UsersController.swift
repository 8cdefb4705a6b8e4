import Fluent
import Vapor

/// Public profiles: what any visitor may see of a player.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":username", use: profile)
    }

    @Sendable func profile(req: Request) async throws -> PublicProfileDTO {
        PublicProfileDTO(try await req.namedUser())
    }
}

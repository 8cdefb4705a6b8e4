import Fluent
import Vapor

/// Public profiles: what any visitor may see of a player.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":username", use: profile)
    }

    @Sendable func profile(req: Request) async throws -> PublicProfileDTO {
        let name = (req.parameters.get("username") ?? "").lowercased()
        guard let user = try await User.query(on: req.db).filter(\.$usernameKey == name).first() else {
            throw AppError(status: .notFound, code: "user_not_found", message: "No player has this username.")
        }
        return PublicProfileDTO(user)
    }
}

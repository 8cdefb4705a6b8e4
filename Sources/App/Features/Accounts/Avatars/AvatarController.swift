import Vapor

/// Upload, remove and serve avatars (`AvatarService`).
struct AvatarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.PUT, "me", "avatar", body: .collect(maxSize: ByteCount(value: AvatarStore.maximumBytes)), use: upload)
        routes.delete("me", "avatar", use: remove)
        routes.get("avatars", ":userID", use: serve)
    }

    /// The body is the picture itself.
    @Sendable func upload(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let declared = req.headers.contentType.map { "\($0.type)/\($0.subType)".lowercased() } ?? ""
        return try await req.avatars.upload(req.body.data, declaredType: declared, for: user)
    }

    @Sendable func remove(req: Request) async throws -> MeDTO {
        try await req.avatars.remove(for: req.requireUser())
    }

    @Sendable func serve(req: Request) async throws -> Response {
        try await req.avatars.picture(of: req.parameters.get("userID", as: UUID.self))
    }
}

import Fluent
import Vapor

/// Upload, remove and serve avatars.
struct AvatarController: RouteCollection {
    static let acceptedUploadTypes: Set<String> = [
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/octet-stream"
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.PUT, "me", "avatar", body: .collect(maxSize: ByteCount(value: AvatarStore.maximumBytes)), use: upload)
        routes.delete("me", "avatar", use: remove)
        routes.get("avatars", ":userID", use: serve)
    }

    /// The body is the picture itself. Its type is decided from its bytes.
    @Sendable func upload(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let declared = req.headers.contentType.map { "\($0.type)/\($0.subType)".lowercased() } ?? ""
        guard Self.acceptedUploadTypes.contains(declared) else {
            throw AppError.avatarMediaType
        }
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw AppError.field("avatar", "Choose a picture to upload.")
        }
        guard body.readableBytes <= AvatarStore.maximumBytes else { throw AppError.payloadTooLarge }
        guard let image = ImageInspector.inspect(Array(body.readableBytesView)) else {
            throw AppError.unsupportedImage
        }
        guard image.width <= AvatarStore.maximumSide, image.height <= AvatarStore.maximumSide else {
            let problem = "Use a picture at most \(AvatarStore.maximumSide)×\(AvatarStore.maximumSide) pixels."
            throw AppError.imageTooLarge(problem)
        }
        let updated = try await req.application.accounts.avatars.replace(avatarOf: user.requireID(), with: (body, image.format), on: req)
        return try MeDTO(updated)
    }

    @Sendable func remove(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        guard user.avatarFile != nil else { return try MeDTO(user) }
        return try MeDTO(try await req.application.accounts.avatars.replace(avatarOf: user.requireID(), with: nil, on: req))
    }

    @Sendable func serve(req: Request) async throws -> Response {
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await User.find(id, on: req.db) else {
            throw AppError.userIDNotFound
        }
        let response: Response
        let store = req.application.accounts.avatars
        if let name = user.avatarFile, let format = AvatarStore.format(ofStoredName: name),
            FileManager.default.fileExists(atPath: store.path(for: name))
        {
            response = try await req.fileio.asyncStreamFile(at: store.path(for: name))
            response.headers.replaceOrAdd(name: .contentType, value: format.mediaType)
        } else {
            response = Response(status: .ok, body: .init(string: DefaultAvatar.svg(for: user.username)))
            response.headers.replaceOrAdd(name: .contentType, value: "image/svg+xml")
        }
        // Avatar URLs carry a version, so a picture never changes under the same URL.
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        response.headers.replaceOrAdd(name: "Content-Disposition", value: "inline")
        return response
    }
}

import Fluent
import Vapor

/// A player's avatar: an upload checked from its bytes (type, size, dimensions), its removal,
/// and the picture served (the stored file, or one drawn from the username).
struct AvatarService {
    static let acceptedUploadTypes: Set<String> = [
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/octet-stream"
    ]

    let db: any Database
    let store: AvatarStore
    let threadPool: NIOThreadPool

    /// `declaredType` is the request's Content-Type; the picture's real type is decided from its bytes.
    func upload(_ body: ByteBuffer?, declaredType: String, for user: User) async throws -> MeDTO {
        guard Self.acceptedUploadTypes.contains(declaredType) else { throw AppError.avatarMediaType }
        guard let body, body.readableBytes > 0 else { throw AppError.field("avatar", "Choose a picture to upload.") }
        guard body.readableBytes <= AvatarStore.maximumBytes else { throw AppError.payloadTooLarge }
        guard let image = ImageInspector.inspect(Array(body.readableBytesView)) else { throw AppError.unsupportedImage }
        guard image.width <= AvatarStore.maximumSide, image.height <= AvatarStore.maximumSide else {
            throw AppError.imageTooLarge("Use a picture at most \(AvatarStore.maximumSide)×\(AvatarStore.maximumSide) pixels.")
        }
        return try MeDTO(try await store.replace(avatarOf: user.requireID(), with: (body, image.format), on: db, threadPool: threadPool))
    }

    func remove(for user: User) async throws -> MeDTO {
        guard user.avatarFile != nil else { return try MeDTO(user) }
        return try MeDTO(try await store.replace(avatarOf: user.requireID(), with: nil, on: db, threadPool: threadPool))
    }

    /// The picture of `userID`, cached for a year: avatar URLs carry a version, so a picture never
    /// changes under the same URL.
    func picture(of userID: UUID?) async throws -> Response {
        guard let userID, let user = try await User.find(userID, on: db) else { throw AppError.userIDNotFound }
        let response: Response
        if let name = user.avatarFile, let format = AvatarStore.format(ofStoredName: name),
            FileManager.default.fileExists(atPath: store.path(for: name))
        {
            let path = store.path(for: name)
            let bytes = try await threadPool.runIfActive { try Data(contentsOf: URL(fileURLWithPath: path)) }
            response = Response(status: .ok, body: .init(data: bytes))
            response.headers.replaceOrAdd(name: .contentType, value: format.mediaType)
        } else {
            response = Response(status: .ok, body: .init(string: DefaultAvatar.svg(for: user.username)))
            response.headers.replaceOrAdd(name: .contentType, value: "image/svg+xml")
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        response.headers.replaceOrAdd(name: "Content-Disposition", value: "inline")
        return response
    }
}

extension Application {
    func avatars(on db: any Database) -> AvatarService {
        AvatarService(db: db, store: accountParts.avatars, threadPool: threadPool)
    }
}

extension Request {
    var avatars: AvatarService { application.avatars(on: db) }
}

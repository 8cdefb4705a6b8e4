import Fluent
import Vapor

extension AppError {
    static let userNotFound = AppError(status: .notFound, code: "user_not_found", message: "No player has this username.")
}

extension Request {
    /// The player named in the path (`:username`), or 404.
    func namedUser(_ parameter: String = "username") async throws -> User {
        try await User.named(parameters.get(parameter) ?? "", on: db)
    }
}

extension User {
    /// The player called `username` (any case, surrounding spaces ignored), or 404 `user_not_found`.
    static func named(_ username: String, on db: any Database) async throws -> User {
        let key = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await User.query(on: db).filter(\.$usernameKey == key).first() else {
            throw AppError.userNotFound
        }
        return user
    }
}

import Fluent
import Vapor

extension Request {
    /// The player named in the path (`:username`), or 404.
    func namedUser(_ parameter: String = "username") async throws -> User {
        try await User.named(parameters.get(parameter) ?? "", on: db)
    }
}

extension User {
    /// The account whose username or email is `login` (already trimmed and lowercased), if any.
    static func withLogin(_ login: String, on db: any Database) async throws -> User? {
        try await User.query(on: db).group(.or) { $0.filter(\.$usernameKey == login).filter(\.$emailKey == login) }.first()
    }

    static func withEmail(_ emailKey: String, on db: any Database) async throws -> User? {
        try await User.query(on: db).filter(\.$emailKey == emailKey).first()
    }

    /// The player called `username` (any case, surrounding spaces ignored), or 404 `user_not_found`.
    static func named(_ username: String, on db: any Database) async throws -> User {
        let key = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await User.query(on: db).filter(\.$usernameKey == key).first() else {
            throw AppError.userNotFound
        }
        return user
    }
}

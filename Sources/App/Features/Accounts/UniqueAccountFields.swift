import Fluent
import Vapor

/// Username and email uniqueness, checked up front for a clear message and
/// enforced again by the database's unique constraints for races.
enum UniqueAccountFields {
    static func ensureAvailable(username: String?, email: String?, excluding userID: UUID?, on db: any Database) async throws {
        if let username, try await isTaken(\.$usernameKey, username.lowercased(), excluding: userID, on: db) {
            throw AppError.usernameTaken
        }
        if let email, try await isTaken(\.$emailKey, email.lowercased(), excluding: userID, on: db) {
            throw AppError.emailTaken
        }
    }

    /// Saves, turning a unique-constraint violation (two requests racing) into the same 409.
    static func save(_ user: User, username: String?, email: String?, on db: any Database) async throws {
        do {
            try await user.save(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            try await ensureAvailable(username: username, email: email, excluding: user.id, on: db)
            throw AppError.accountChangedMeanwhile
        }
    }

    private static func isTaken(
        _ field: KeyPath<User, FieldProperty<User, String>>, _ value: String, excluding userID: UUID?, on db: any Database
    ) async throws -> Bool {
        var query = User.query(on: db).filter(field == value)
        if let userID {
            query = query.filter(\.$id != userID)
        }
        return try await query.count() > 0
    }
}

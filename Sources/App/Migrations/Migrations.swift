import Fluent
import Vapor

enum Migrations {
    /// In order, forever: a shipped migration is never edited, only followed by a new one.
    static func register(on app: Application) {
        app.migrations.add(CreateUsers())
        app.migrations.add(CreateUserSessions())
    }
}

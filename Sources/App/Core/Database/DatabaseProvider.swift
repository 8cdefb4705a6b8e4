import Fluent
import Vapor

extension Application {
    /// The default database for work that may outlive a request: a socket closing, a task finishing
    /// while the app stops. `app.db` reads the application's storage, which shutdown clears (and
    /// reading it then is a crash); this closure holds the `Databases` itself, so after shutdown it
    /// hands out a database whose pools are closed and whose queries fail with an error instead.
    var databaseProvider: @Sendable () -> any Database {
        let databases = self.databases
        let group = self.eventLoopGroup
        let logger = self.logger
        let stopped = self.db
        return { databases.database(logger: logger, on: group.any()) ?? stopped }
    }
}

import Fluent
import SQLKit

/// Which instance runs each live game, and which instances are alive: in a cluster a game whose
/// instance died is found (its owner stopped beating) and ended, rather than staying live forever.
struct AddGameOwnership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("matches").field("owner_instance", .string).update()
        try await database.schema("instances")
            .field("id", .string, .identifier(auto: false))
            .field("started_at", .datetime, .required)
            .field("heartbeat_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instances").delete()
        try await database.schema("matches").deleteField("owner_instance").update()
    }
}

import Fluent

/// Where each instance of a cluster is reached by the others: a player whose socket is on one
/// instance plays a game another owns through a relay to this address.
struct AddInstanceAddress: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("instances").field("address", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instances").deleteField("address").update()
    }
}

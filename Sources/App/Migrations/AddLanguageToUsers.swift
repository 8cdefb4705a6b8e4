import Fluent

/// The language a player chose for the site and its emails (`fr`, `ar`…); nil until they choose,
/// when the browser's language is used.
struct AddLanguageToUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("language", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("language").update()
    }
}

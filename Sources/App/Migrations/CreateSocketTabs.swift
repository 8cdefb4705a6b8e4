import Fluent
import SQLKit

/// Every open socket of a cluster, one row per browser tab, so the socket caps per account and per
/// address count across instances and an instance starting up learns who is online elsewhere
/// (PostgreSQL only; empty on SQLite, where one process counts its sockets in memory). An
/// instance's rows go when it stops, or when it stops beating.
struct CreateSocketTabs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("socket_tabs")
            .id()
            .field("instance_id", .string, .required)
            .field("user_id", .uuid, .required)
            .field("address", .string, .required)
            // A visitor playing the computer counts against its address, and has no presence.
            .field("is_visitor", .bool, .required)
            .field("opened_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "idx_socket_tabs_user").on("socket_tabs").column("user_id").run()
            try await sql.create(index: "idx_socket_tabs_address").on("socket_tabs").column("address").run()
            try await sql.create(index: "idx_socket_tabs_instance").on("socket_tabs").column("instance_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("socket_tabs").delete()
    }
}

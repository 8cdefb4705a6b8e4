import Fluent
import Foundation
import SQLKit

/// A cluster's sockets as rows of `socket_tabs`. Opening one is one transaction that takes an
/// advisory lock on its address and one on its account (in key order, so two openings never wait
/// on each other in a circle), counts what the live instances hold and inserts the row: fifty
/// sockets from one address are fifty however they are spread.
struct PostgresSocketTabs: SharedSocketTabs {
    let database: @Sendable () -> any Database
    /// A silent instance's rows don't count while the heartbeat clean-up has yet to remove them.
    let now: @Sendable () -> Date

    func open(_ tab: SocketTab, on instance: String, limits: ConnectedUsers.Limits) async throws -> SharedTabAdmission {
        let cutoff = now().addingTimeInterval(-GameOwnership.silenceMeansGone)
        // Part of a socket already accepted: it must not be refused as load itself.
        return try await WriteGate.$isDurable.withValue(true) {
            try await database().transaction { tx in
                let sql = try tx.sql
                for key in ["tabs-address:\(tab.address)", "tabs-user:\(tab.user.uuidString)"].sorted() {
                    try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))").run()
                }
                let live: SQLQueryString =
                    "(instance_id = \(bind: instance) OR instance_id IN (SELECT id FROM instances WHERE heartbeat_at >= \(bind: cutoff)))"
                let sameAddress =
                    try await sql.raw("SELECT count(*) AS n FROM socket_tabs WHERE address = \(bind: tab.address) AND \(live)")
                    .first()?.decode(column: "n", as: Int.self) ?? 0
                guard sameAddress < limits.socketsPerAddress else { return .refused }
                try await sql.insert(into: "socket_tabs").columns("id", "instance_id", "user_id", "address", "is_visitor", "opened_at")
                    .values(
                        SQLBind(tab.id), SQLBind(instance), SQLBind(tab.user), SQLBind(tab.address), SQLBind(tab.isVisitor), SQLBind(Date())
                    )
                    .run()
                let surplus = try await sql.raw(
                    """
                    SELECT id FROM socket_tabs WHERE user_id = \(bind: tab.user) AND \(live)
                    ORDER BY opened_at DESC, id DESC OFFSET \(bind: limits.socketsPerUser)
                    """
                ).all().map { try $0.decode(column: "id", as: UUID.self) }
                return .admitted(evicting: surplus)
            }
        }
    }

    func close(_ tab: UUID) async throws {
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.delete(from: "socket_tabs").where("id", .equal, tab).run()
        }
    }

    func clear(_ instance: String) async throws {
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.delete(from: "socket_tabs").where("instance_id", .equal, instance).run()
        }
    }

    func tabs(elsewhereThan instance: String) async throws -> [(instance: String, user: UUID)] {
        let cutoff = now().addingTimeInterval(-GameOwnership.silenceMeansGone)
        return try await database().sql.raw(
            """
            SELECT DISTINCT instance_id, user_id FROM socket_tabs WHERE instance_id <> \(bind: instance) AND NOT is_visitor
            AND instance_id IN (SELECT id FROM instances WHERE heartbeat_at >= \(bind: cutoff))
            """
        ).all().map { (try $0.decode(column: "instance_id", as: String.self), try $0.decode(column: "user_id", as: UUID.self)) }
    }

    func clear(allBut alive: Set<String>) async throws {
        guard !alive.isEmpty else { return }
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.delete(from: "socket_tabs").where("instance_id", .notIn, Array(alive)).run()
        }
    }
}

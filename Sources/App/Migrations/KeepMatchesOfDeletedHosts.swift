import Fluent
import SQLKit

/// A match record outlives its host's account: `matches.host_id` becomes optional and is set to
/// null when the account goes, instead of deleting the match (which took a remote game out of
/// the other player's history and every match out of the all-time figures).
///
/// PostgreSQL changes the constraint in place. SQLite can't alter a foreign key, so the table is
/// rebuilt the way SQLite documents: foreign keys off on one connection, new table, copy, swap,
/// indexes back, check, foreign keys on.
struct KeepMatchesOfDeletedHosts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE matches ALTER COLUMN host_id DROP NOT NULL").run()
            let constraints = try await sql.raw(
                """
                SELECT conname FROM pg_constraint WHERE conrelid = 'matches'::regclass AND contype = 'f'
                AND pg_get_constraintdef(oid) LIKE 'FOREIGN KEY (host_id)%'
                """
            ).all()
            for row in constraints {
                let name = try row.decode(column: "conname", as: String.self)
                try await sql.raw("ALTER TABLE matches DROP CONSTRAINT \(ident: name)").run()
            }
            try await sql.raw(
                "ALTER TABLE matches ADD CONSTRAINT matches_host_id_fkey FOREIGN KEY (host_id) REFERENCES users (id) ON DELETE SET NULL"
            ).run()
            return
        }
        try await database.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { return }
            let table = try await sql.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'matches'").first()
            guard let definition = try table?.decode(column: "sql", as: String.self) else { return }
            let before = #""host_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE"#
            guard definition.contains(before) else { return }
            let rebuilt =
                definition
                .replacingOccurrences(of: before, with: #""host_id" UUID REFERENCES "users" ("id") ON DELETE SET NULL"#)
                .replacingOccurrences(of: #"CREATE TABLE "matches""#, with: #"CREATE TABLE "matches_rebuilt""#)
            let indexes = try await sql.raw(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'matches' AND sql IS NOT NULL"
            ).all()
                .map { try $0.decode(column: "sql", as: String.self) }
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await sql.raw("BEGIN IMMEDIATE").run()
                try await sql.raw("\(unsafeRaw: rebuilt)").run()
                try await sql.raw("INSERT INTO matches_rebuilt SELECT * FROM matches").run()
                try await sql.raw("DROP TABLE matches").run()
                try await sql.raw("ALTER TABLE matches_rebuilt RENAME TO matches").run()
                for index in indexes { try await sql.raw("\(unsafeRaw: index)").run() }
                let broken = try await sql.raw("PRAGMA foreign_key_check").all()
                guard broken.isEmpty else { throw MigrationFailure("the rebuilt matches table breaks \(broken.count) foreign keys") }
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }

    func revert(on database: any Database) async throws {
        // Going back would have to delete every match whose host is gone; the stricter schema isn't worth that.
    }
}

struct MigrationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

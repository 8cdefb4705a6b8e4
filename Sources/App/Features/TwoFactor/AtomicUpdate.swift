import Fluent
import Foundation
import SQLKit
import Vapor

/// The second factor's check-and-consume steps, each one conditional `UPDATE … RETURNING`
/// (SQLite and PostgreSQL both have it): of many concurrent attempts, exactly as many
/// succeed as the condition allows, with no read-then-write gap to race through.
enum AtomicUpdate {
    /// Spends one try of a live challenge; the tries spent so far, or nil if none was left
    /// (or it was consumed or expired meanwhile).
    static func spendTry(of challenge: LoginChallenge, at now: Date, on db: any Database) async throws -> Int? {
        try await spendTry(
            in: LoginChallenge.schema, id: challenge.requireID(), maximumAttempts: LoginChallenge.maximumAttempts, at: now, on: db)
    }

    /// The same for any table of challenges with `attempts`, `consumed_at` and `expires_at` columns.
    static func spendTry(in schema: String, id: UUID, maximumAttempts: Int, at now: Date, on db: any Database) async throws -> Int? {
        let row = try await sql(db).update(schema)
            .set(SQLIdentifier("attempts"), to: SQLBinaryExpression(SQLIdentifier("attempts"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, id)
            .where("attempts", .lessThan, maximumAttempts)
            .where("consumed_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, now)
            .returning("attempts")
            .first()
        return try row?.decode(column: "attempts", as: Int.self)
    }

    /// Marks a challenge consumed; false if another request got there first.
    static func consume(_ challenge: LoginChallenge, at now: Date, on db: any Database) async throws -> Bool {
        try await SingleUse.mark(LoginChallenge.schema, id: challenge.requireID(), column: "consumed_at", at: now, on: db)
    }

    /// Records an authenticator step as used, only if it is newer than the last one used.
    static func useStep(_ step: Int64, of credential: TOTPCredential, on db: any Database) async throws -> Bool {
        try await !sql(db).update(TOTPCredential.schema)
            .set("last_used_step", to: step)
            .where("id", .equal, try credential.requireID())
            .where(group: { $0.where("last_used_step", .is, SQLLiteral.null).orWhere("last_used_step", .lessThan, step) })
            .returning("id")
            .all().isEmpty
    }

    /// Marks a recovery code used, only if it wasn't already.
    static func use(_ code: RecoveryCode, at now: Date, on db: any Database) async throws -> Bool {
        try await SingleUse.mark(RecoveryCode.schema, id: code.requireID(), column: "used_at", at: now, on: db)
    }

    private static func sql(_ db: any Database) throws -> any SQLDatabase {
        let sql = try db.sql
        return sql
    }
}

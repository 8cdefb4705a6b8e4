import Fluent
import Foundation
import SQLKit

/// One player, one remote game: starting any remote game (invitation, quick match, tournament)
/// inserts a claim for both players in the transaction that writes the match row; the unique
/// `user_id` makes the second of two racing starts fail for the player already claimed, on one
/// instance or many. The claim goes in the transaction that stores the game's result.
enum PlayerClaims {
    static let table = "player_claims"

    /// Claims every player for `game`, or throws `PlayerInAnotherGame` naming one already playing.
    static func claim(_ players: [UUID], for game: UUID, at now: Date, in transaction: any Database) async throws {
        let sql = try sqlDatabase(transaction)
        for player in players {
            // A conditional insert: a claimed player inserts nothing, with no constraint error to
            // abort PostgreSQL's transaction; the unique index still settles two inserts racing.
            let inserted = try await sql.raw(
                """
                INSERT INTO player_claims (user_id, game_id, claimed_at)
                SELECT \(bind: player), \(bind: game), \(bind: now)
                WHERE NOT EXISTS (SELECT 1 FROM player_claims WHERE user_id = \(bind: player))
                RETURNING user_id
                """
            ).all()
            if inserted.isEmpty { throw PlayerInAnotherGame(userID: player) }
        }
    }

    static func release(game: UUID, in database: any Database) async throws {
        try await sqlDatabase(database).delete(from: table).where("game_id", .equal, game).run()
    }

    /// At start no game is running on this server: nobody is playing.
    static func releaseAll(in database: any Database) async throws {
        try await sqlDatabase(database).delete(from: table).run()
    }

    static func isPlaying(_ player: UUID, on database: any Database) async throws -> Bool {
        try await sqlDatabase(database).select().column("user_id").from(table).where("user_id", .equal, player)
            .first() != nil
    }

    private static func sqlDatabase(_ database: any Database) throws -> any SQLDatabase {
        let sql = try database.sql
        return sql
    }
}

/// A remote game could not start: this player is already playing one.
struct PlayerInAnotherGame: Error, CustomStringConvertible {
    let userID: UUID
    var description: String { "player \(userID) is already in a remote game" }
}

import Fluent
import Foundation
import SQLKit

/// Checkpoints as rows of `game_checkpoints`, one per live remote game, written through the pool
/// off the game's loop. Saves can land out of order; the row keeps the one with the most points.
struct PostgresGameCheckpoints: GameCheckpoints {
    let database: @Sendable () -> any Database

    func save(_ checkpoint: GameCheckpoint) async throws {
        let body = String(decoding: try JSONEncoder().encode(checkpoint), as: UTF8.self)
        // A game's progress is durable work: it waits its turn rather than being refused as load.
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.raw(
                """
                INSERT INTO game_checkpoints (match_id, points, body, saved_at)
                VALUES (\(bind: checkpoint.setup.id), \(bind: checkpoint.points.count), \(bind: body), \(bind: Date()))
                ON CONFLICT (match_id) DO UPDATE SET points = excluded.points, body = excluded.body, saved_at = excluded.saved_at
                WHERE game_checkpoints.points < excluded.points
                """
            ).run()
        }
    }

    func load(_ game: UUID) async throws -> GameCheckpoint? {
        guard
            let body = try await database().sql.select().column("body").from("game_checkpoints").where("match_id", .equal, game).first()?
                .decode(column: "body", as: String.self)
        else { return nil }
        return try JSONDecoder().decode(GameCheckpoint.self, from: Data(body.utf8))
    }

    func delete(_ game: UUID) async throws {
        try await WriteGate.$isDurable.withValue(true) {
            try await database().sql.delete(from: "game_checkpoints").where("match_id", .equal, game).run()
        }
    }
}

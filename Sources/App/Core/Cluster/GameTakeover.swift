import Fluent
import Foundation
import SQLKit
import Vapor

/// A remote game survives its instance: the live remote games no running instance owns (their
/// owner stopped beating, or this instance's last run died with them) are taken over from their
/// last checkpoint. Taking one is a conditional update of its owner, so two instances never both
/// run it; the result is still stored once whatever happens (`MatchStore.finish` closes a live row
/// once). What has no checkpoint (local and AI games) is left to be ended `abandoned`.
enum GameTakeover {
    static func resumeOrphans(in app: Application, starting: Bool, at now: Date) async throws -> [UUID] {
        guard let checkpoints = app.games.checkpoints else { return [] }
        let me = app.config.instanceID
        let live = try await Match.query(on: app.db).filter(\.$status == .live).filter(\.$mode == .remote).all()
        let orphaned = try await GameOwnership.orphaned(live, me: me, mineAreDead: starting, at: now, on: app.db)
        var resumed: [UUID] = []
        for match in orphaned {
            guard let id = match.id, let checkpoint = try await checkpoints.load(id) else { continue }
            guard try await GameOwnership.takeOver(id, from: match.ownerInstance, by: me, on: app.db) else { continue }
            _ = app.games.resume(checkpoint, on: app.eventLoopGroup.any())
            resumed.append(id)
        }
        return resumed
    }
}

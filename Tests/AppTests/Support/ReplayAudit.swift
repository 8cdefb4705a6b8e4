import Fluent
import Foundation
import PongCore
import Testing

@testable import App

/// Every game the suite plays is replayed when its app shuts down: the replay re-simulated from the
/// stored seed and key changes must end on the stored score (and, for a finished game, the stored
/// winner). Online, AI, local, tournament and taken-over games alike.
func auditReplays(on db: any Database) async {
    guard let stored = try? await MatchReplay.query(on: db).all() else { return }
    for replay in stored {
        guard let id = replay.id, let match = try? await Match.find(id, on: db) else { continue }
        guard let log = InputLog(encoded: [UInt8](replay.inputLog)), let seed = UInt64(replay.seed),
            let rules = MatchRules(pointsToWin: match.pointsToWin),
            let speed = PongSettings.BallSpeed(rawValue: match.ballSpeed),
            let size = PongSettings.PaddleSize(rawValue: match.paddleSize)
        else {
            Issue.record("the replay of match \(id) can't be read")
            continue
        }
        let final = Replay(settings: PongSettings(rules: rules, ballSpeed: speed, paddleSize: size), seed: seed, log: log).final
        #expect(
            final.leftScore == match.leftScore && final.rightScore == match.rightScore,
            "match \(id) (\(match.mode), \(match.status)) was stored \(match.leftScore)–\(match.rightScore); its replay ends \(final.leftScore)–\(final.rightScore)"
        )
        if match.status == .finished, case let .finished(winner) = final.phase {
            #expect(winner.rawValue == match.winner, "match \(id)'s replay has another winner")
        } else if match.status == .finished {
            Issue.record("match \(id) finished but its replay does not")
        }
    }
}

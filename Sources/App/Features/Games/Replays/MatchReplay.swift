import Fluent
import Foundation

/// A finished game's replay as stored: its seed and every key change (`InputLog.encoded`). With the
/// match's rules that is the whole game, re-simulated on demand.
final class MatchReplay: Model, @unchecked Sendable {
    static let schema = "match_replays"

    @ID(custom: "match_id", generatedBy: .user) var id: UUID?

    // data fields
    @Field(key: "seed") var seed: String
    @Field(key: "input_log") var inputLog: Data

    init() {}

    init(matchID: UUID, seed: UInt64, inputLog: Data) {
        id = matchID
        self.seed = String(seed)
        self.inputLog = inputLog
    }
}

import Foundation
import PongCore
import Vapor

/// `GET /api/matches/{id}/replay`: the stored log, and the game it re-simulates to as keyframes
/// (`Keyframe.state(atTick:)`, and `stateAtTick` in the browser, give every tick between two).
struct ReplayDTO: Content {
    /// The order of each keyframe's values (one array per keyframe: a game has a few thousand).
    static let keyframeFields = [
        "tick", "phase", "serveTicksLeft", "ballX", "ballY", "ballVX", "ballVY", "leftY", "rightY", "paddleHeight",
        "leftKey", "rightKey", "leftScore", "rightScore"
    ]

    struct Point: Content {
        let number: Int
        let tick: Int
        let scorer: Side
        let leftScore: Int
        let rightScore: Int
    }

    let matchID: UUID
    let mode: Match.Mode
    let status: Match.Status
    let leftName: String
    let rightName: String
    /// The stored result; the replay's last keyframe shows the same score.
    let leftScore: Int
    let rightScore: Int
    let winner: Side?
    let pointsToWin: Int
    let ballSpeed: String
    let paddleSize: String
    let field: FieldDTO
    let endTick: Int
    let points: [Point]
    let keyframeFields: [String]
    let keyframes: [[KeyframeValue]]
    /// The seed (decimal: it does not fit a JavaScript number) and the stored log, base64.
    let seed: String
    let inputLog: String

    init(match: Match, settings: PongSettings, stored: MatchReplay, replay: Replay) throws {
        matchID = try match.requireID()
        mode = match.mode
        status = match.status
        leftName = match.leftName
        rightName = match.rightName
        leftScore = match.leftScore
        rightScore = match.rightScore
        winner = match.winner.flatMap(Side.init(rawValue:))
        pointsToWin = match.pointsToWin
        ballSpeed = match.ballSpeed
        paddleSize = match.paddleSize
        field = FieldDTO(settings: settings)
        endTick = replay.final.tick
        points = replay.points.enumerated().map { index, point in
            Point(number: index + 1, tick: point.tick, scorer: point.scorer, leftScore: point.leftScore, rightScore: point.rightScore)
        }
        keyframeFields = Self.keyframeFields
        keyframes = replay.keyframes.map(Self.values)
        seed = stored.seed
        inputLog = stored.inputLog.base64EncodedString()
    }

    private static func values(_ frame: Keyframe) -> [KeyframeValue] {
        let state = frame.state
        let phase: String
        var serveTicksLeft = 0
        switch state.phase {
        case let .serving(_, ticksLeft):
            phase = "serving"
            serveTicksLeft = ticksLeft
        case .playing: phase = "playing"
        case .finished: phase = "finished"
        }
        return [
            .int(state.tick), .text(phase), .int(serveTicksLeft), .number(state.ballX), .number(state.ballY), .number(state.ballVX),
            .number(state.ballVY), .number(state.leftPaddleY), .number(state.rightPaddleY), .number(state.paddleHeight),
            .text(frame.leftInput.rawValue), .text(frame.rightInput.rawValue), .int(state.leftScore), .int(state.rightScore)
        ]
    }
}

/// One value of a keyframe's array: JSON numbers and strings side by side.
enum KeyframeValue: Codable, Sendable, Equatable {
    case int(Int)
    case number(Double)
    case text(String)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .int(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .text(value): try container.encode(value)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }
}

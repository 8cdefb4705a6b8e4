// Prints seeded games as the browser test of keyframes reads them (e2e/test_keyframes.py): each
// game's keyframes, in the shape Public/js/game/engine/keyframes.js takes, and the engine's own
// state at every tick, which the browser's reconstruction must equal within 1e-6 field units.
import Foundation
import PongCore

struct BrowserKeyframe: Encodable {
    let tick: Int
    let phase: String
    let serveTicksLeft: Int
    let ballX, ballY, ballVX, ballVY, leftY, rightY, paddleHeight: Double
    let leftKey, rightKey: String

    init(_ frame: Keyframe) {
        let state = frame.state
        tick = state.tick
        switch state.phase {
        case let .serving(_, ticksLeft): (phase, serveTicksLeft) = ("serving", ticksLeft)
        case .playing: (phase, serveTicksLeft) = ("playing", 0)
        case .finished: (phase, serveTicksLeft) = ("finished", 0)
        }
        (ballX, ballY, ballVX, ballVY) = (state.ballX, state.ballY, state.ballVX, state.ballVY)
        (leftY, rightY, paddleHeight) = (state.leftPaddleY, state.rightPaddleY, state.paddleHeight)
        (leftKey, rightKey) = (frame.leftInput.rawValue, frame.rightInput.rawValue)
    }
}

struct FixtureGame: Encodable {
    let seed: UInt64
    /// Its ball speed's serve speed (a return's speed is capped by it).
    let serveSpeed: Double
    let keyframes: [BrowserKeyframe]
    /// [tick, ballX, ballY, leftY, rightY] after every tick.
    let states: [[Double]]
}

struct Fixtures: Encodable {
    let field = [
        "width": Field.width, "height": Field.height, "ballSize": Field.ballSize, "paddleSpeed": Field.paddleSpeed,
        "paddleWidth": Field.paddleWidth, "paddleInset": Field.paddleInset, "speedUpPerHit": Field.speedUpPerHit,
        "maximumSpeedFactor": Field.maximumSpeedFactor, "maximumBounceSlope": Field.maximumBounceSlope
    ]
    let games: [FixtureGame]
}

let count = CommandLine.arguments.dropFirst().first.flatMap(UInt64.init) ?? 6
let games = (0..<count).map { seed in
    let speeds = PongSettings.BallSpeed.allCases, sizes = PongSettings.PaddleSize.allCases
    let settings = PongSettings(rules: MatchRules(pointsToWin: 3)!, ballSpeed: speeds[Int(seed) % 3], paddleSize: sizes[Int(seed / 3) % 3])
    var game = PongGame(settings: settings, seed: seed)
    var keys = RandomKeys(seed: seed &+ 1000)
    // Odd seeds are rallies between two computer players (many paddle hits); even ones random keys.
    var players =
        seed % 2 == 1
        ? (PongAI(side: .left, difficulty: .hard, seed: seed), PongAI(side: .right, difficulty: .hard, seed: ~seed)) : nil
    var schedule = KeyframeSchedule()
    var keyframes = [BrowserKeyframe(schedule.keyframe(now: game.snapshot, left: .none, right: .none))]
    var states: [[Double]] = []
    while !game.isOver && game.snapshot.tick < 60 * 300 {
        var (left, right) = keys.next()
        if players != nil {
            let now = game.snapshot
            left = players!.0.input(atTick: now.tick) { now }
            right = players!.1.input(atTick: now.tick) { now }
        }
        let events = game.step(left: left, right: right)
        if let frame = schedule.keyframe(after: game.snapshot, left: left, right: right, events: events) {
            keyframes.append(BrowserKeyframe(frame))
        }
        let state = game.snapshot
        states.append([Double(state.tick), state.ballX, state.ballY, state.leftPaddleY, state.rightPaddleY])
    }
    return FixtureGame(seed: seed, serveSpeed: settings.ballSpeed.serveSpeed, keyframes: keyframes, states: states)
}
let output = try JSONEncoder().encode(Fixtures(games: games))
FileHandle.standardOutput.write(output)

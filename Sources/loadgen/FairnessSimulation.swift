import Foundation
import PongCore

/// `BENCH_PART=fairsim`: the fairness bench's lan-vs-far pairs without sockets, a server process or
/// a wall clock. The same `FollowerBrain`s play a `RewindableGame` whose keyframes come from the
/// server's own `KeyframeSchedule`; each direction of each player's link delays messages as
/// `scripts/netshaper.py` does (base delay, uniform jitter, stalls, never reordering). Thousands of
/// games run in seconds, so a question about the rewind's fairness gets an answer with a small
/// error, and the same seeds give the same answer.
///   BENCH_SIM_GAMES    games per row (default 2000)
///   BENCH_SIM_PROFILE  the second player's profile (default far; the first is always lan)
///   BENCH_SIM_ONE_WAY  up or down: the profile on that direction only, lan on the other
/// The last column is the share of the second player's key changes made with its own paddle more
/// than half a unit from where the server (once settled) had it at that tick: the follower's
/// prediction of its own paddle, which is what a far player's keys are judged against.
enum FairnessSimulation {
    static func run() {
        let environment = ProcessInfo.processInfo.environment
        let games = Int(environment["BENCH_SIM_GAMES"] ?? "2000") ?? 2000
        againstAI(games: games)
        pairs(games: games, environment: environment)
    }

    /// The first fairness table, simulated: the follower on the left behind each profile against the
    /// server's hard AI, its paddle hits and wins counted from the game's settled events.
    static func againstAI(games: Int) {
        print("\nFairness against the hard AI, simulated: \(games) games per row (first to \(MatchRules.standard.pointsToWin))")
        print(
            "profile | keys | balls returned per game | vs lan | follower's win share | key changes/s | own paddle mispredicted at key changes"
        )
        var baseline: Double?
        for (profile, stamped) in FairnessBench.rows {
            guard let link = SimulatedLink.Profile.named(profile) else { continue }
            var tally = SimulatedGame.Tally()
            for index in 0..<games {
                var game = SimulatedGame(
                    seed: UInt64(index + 1), second: link, secondStamped: stamped, secondOnLeft: true, againstAI: true)
                tally.add(game.play())
            }
            let returns = Double(tally.returns) / Double(max(1, tally.games))
            let versus = baseline.map { String(format: "%+.1f %%", (returns / $0 - 1) * 100) } ?? "—"
            if baseline == nil { baseline = returns }
            print(
                String(
                    format: "%@ | %@ | %.2f | %@ | %.1f %% | %.1f | %.1f %%", profile, stamped ? "stamped" : "unstamped", returns, versus,
                    tally.share(nil) * 100, Double(tally.rewinds.count) / Double(max(1, tally.ticks)) * Double(Field.ticksPerSecond),
                    Double(tally.mispredicted.wrong) / Double(max(1, tally.mispredicted.presses)) * 100))
        }
    }

    static func pairs(games: Int, environment: [String: String]) {
        let profile = environment["BENCH_SIM_PROFILE"] ?? "far"
        guard let far = SimulatedLink.Profile.named(profile), let lan = SimulatedLink.Profile.named("lan") else {
            print("unknown profile \(profile)")
            return
        }
        print("\nFairness between players, simulated: \(games) games per row, one follower behind lan, the other behind \(profile)")
        print(
            "row | second player's win share | on the left / on the right | mean rewind (ticks) | points per game | own paddle mispredicted at key changes"
        )
        let rows: [(String, SimulatedLink.Profile, Bool)] = [
            ("lan vs lan", lan, true), ("lan vs \(profile), stamped", far, true), ("lan vs \(profile), unstamped", far, false)
        ]
        for (name, profile, stamped) in rows {
            var tally = SimulatedGame.Tally()
            for index in 0..<games {
                var pair = SimulatedGame(
                    seed: UInt64(index + 1), second: profile, secondStamped: stamped, secondOnLeft: index % 2 == 0,
                    oneWay: environment["BENCH_SIM_ONE_WAY"])
                tally.add(pair.play())
            }
            print(
                String(
                    format: "%@ | %.1f %% ± %.1f | %.1f %% / %.1f %% | %.2f | %.2f | %.1f %%", name, tally.share(nil) * 100,
                    100 * (0.25 / Double(max(1, tally.games))).squareRoot(), tally.share(.left) * 100, tally.share(.right) * 100,
                    tally.meanRewind, Double(tally.points) / Double(max(1, tally.games)),
                    Double(tally.mispredicted.wrong) / Double(max(1, tally.mispredicted.presses)) * 100))
        }
    }
}

/// One direction of a shaped connection, as `scripts/netshaper.py` has it.
struct SimulatedLink {
    struct Profile {
        let oneWay: Double
        let jitter: Double
        let stallRate: Double
        let stall: Double

        /// `netshaper.py`'s profiles, in nanoseconds: half the round trip each way, ± half its jitter.
        static func named(_ name: String) -> Profile? {
            let table: [String: (rtt: Double, jitter: Double, stallRate: Double, stall: Double)] = [
                "lan": (1, 0, 0, 0), "broadband": (30, 5, 0, 0), "wifi": (60, 20, 0.01, 200), "far": (120, 10, 0, 0),
                "mobile": (150, 40, 0.02, 400)
            ]
            guard let row = table[name] else { return nil }
            return Profile(oneWay: row.rtt / 2 * 1e6, jitter: row.jitter / 2 * 1e6, stallRate: row.stallRate, stall: row.stall * 1e6)
        }
    }

    let profile: Profile
    var random: SeededRandom
    private var lastRelease: UInt64 = 0

    init(_ profile: Profile, seed: UInt64) {
        self.profile = profile
        random = SeededRandom(seed: seed)
    }

    /// When a message sent at `now` comes out: never before the one ahead of it.
    mutating func release(sentAt now: UInt64) -> UInt64 {
        var release = Double(now) + max(0, profile.oneWay + (random.unit() * 2 - 1) * profile.jitter)
        if profile.stallRate > 0, random.unit() < profile.stallRate { release += profile.stall }
        lastRelease = max(lastRelease, UInt64(release))
        return lastRelease
    }
}

/// One simulated game: a follower behind a profile against a follower behind `lan`, or against the
/// server's hard AI.
struct SimulatedGame {
    struct Outcome {
        let secondSide: Side
        let winner: Side?
        let rewinds: [Int]
        let points: Int
        /// Paddle hits by the second player, settled.
        let returns: Int
        /// Ticks played.
        let ticks: Int
        /// The second player's key changes, and those made with its paddle not where the server had it.
        let mispredicted: (presses: Int, wrong: Int)
    }

    struct Tally {
        var games = 0
        var wins: [Side: Int] = [:]
        var played: [Side: Int] = [:]
        /// The second player's key changes and the ticks each was rewound by, summed.
        var rewinds = (count: 0, ticks: 0)
        var meanRewind: Double { Double(rewinds.ticks) / Double(max(1, rewinds.count)) }
        var points = 0
        var mispredicted = (presses: 0, wrong: 0)
        var returns = 0
        var ticks = 0

        mutating func add(_ outcome: Outcome) {
            guard let winner = outcome.winner else { return }
            games += 1
            played[outcome.secondSide, default: 0] += 1
            if winner == outcome.secondSide { wins[outcome.secondSide, default: 0] += 1 }
            rewinds.ticks += outcome.rewinds.reduce(0, +)
            rewinds.count += outcome.rewinds.count
            points += outcome.points
            returns += outcome.returns
            ticks += outcome.ticks
            mispredicted.presses += outcome.mispredicted.presses
            mispredicted.wrong += outcome.mispredicted.wrong
        }

        /// The second player's win share on `side` (nil: both).
        func share(_ side: Side?) -> Double {
            let sides: [Side] = side.map { [$0] } ?? [.left, .right]
            let won = sides.reduce(0) { $0 + wins[$1, default: 0] }
            return Double(won) / Double(max(1, sides.reduce(0) { $0 + played[$1, default: 0] }))
        }
    }

    /// What travels to a player, and back.
    enum Down {
        case frame(FollowerBrain.Frame)
        case pong(sentAt: UInt64)
    }

    enum Up {
        case press(FollowerBrain.Press)
        case ping(sentAt: UInt64)
    }

    struct Player {
        var brain: FollowerBrain
        var up: SimulatedLink
        var down: SimulatedLink
        var inbox: [(at: UInt64, message: Down)] = []
        var outbox: [(at: UInt64, message: Up)] = []
        var nextLook: UInt64
        var looks = 0
        var lastInput = 0
        /// What the brain believed its paddle was at each tick it looked at (a diagnosis).
        var predicted: [Int: Double] = [:]
        var misses = (presses: 0, wrong: 0)
    }

    static let period = 1e9 / Double(Field.ticksPerSecond)
    static let start: UInt64 = 1_000_000_000

    var game: RewindableGame
    var schedule = KeyframeSchedule()
    /// Index 0 plays left.
    var players: [Player]
    let secondSide: Side
    var rewinds: [Int] = []
    var returns = 0
    /// Against the AI the first player is the server's hard AI (right), not a follower behind lan.
    var ai: PongAI?

    init(
        seed: UInt64, second: SimulatedLink.Profile, secondStamped: Bool, secondOnLeft: Bool, oneWay: String? = nil,
        againstAI: Bool = false
    ) {
        guard let lan = SimulatedLink.Profile.named("lan") else { fatalError("lan is a profile") }
        game = RewindableGame(PongGame(settings: PongSettings(), seed: seed))
        var random = SeededRandom(seed: seed &* 7919)
        func player(_ profile: SimulatedLink.Profile, stamped: Bool, side: Side) -> Player {
            var brain = FollowerBrain(stamped: stamped)
            brain.side = side
            let up = oneWay == "down" ? lan : profile, down = oneWay == "up" ? lan : profile
            return Player(
                brain: brain, up: SimulatedLink(up, seed: random.next()), down: SimulatedLink(down, seed: random.next()),
                nextLook: Self.start + UInt64(random.unit() * Self.period))
        }
        secondSide = secondOnLeft ? .left : .right
        let first = player(lan, stamped: true, side: secondSide.opponent)
        let other = player(second, stamped: secondStamped, side: secondSide)
        players = secondOnLeft ? [other, first] : [first, other]
        if againstAI { ai = PongAI(side: .right, difficulty: .hard, seed: seed &+ 0x9E37_79B9) }
    }

    /// Plays the game to its settled end (or 30 minutes of game time).
    mutating func play() -> Outcome {
        var tick = 0
        while tick < 108_000 {
            let tickAt = Self.start + UInt64(Double(tick + 1) * Self.period)
            // Everything that happens before the next tick, in time order.
            while let (time, index, kind) = nextEvent(before: tickAt) {
                handle(kind, of: index, at: time)
            }
            tick += 1
            if var brain = ai {
                // As the server steers it (`LiveGame.advance`): a look at the present, then the tick.
                let snapshot = game.snapshot
                let key = brain.input(atTick: snapshot.tick) { snapshot }
                ai = brain
                if key != game.key(.right) { game.press(key, side: .right) }
            }
            let settled = game.step()
            let final = game.finalState
            for index in players.indices {
                let side: Side = index == 0 ? .left : .right
                if let guess = players[index].predicted.removeValue(forKey: final.tick) {
                    players[index].misses.presses += 1
                    if abs(guess - final.paddleY(side)) > 0.5 { players[index].misses.wrong += 1 }
                }
            }
            for event in settled {
                if case let .paddleHit(side) = event, side == secondSide { returns += 1 }
                if case let .gameOver(winner) = event {
                    return Outcome(
                        secondSide: secondSide, winner: winner, rewinds: rewinds,
                        points: game.snapshot.leftScore + game.snapshot.rightScore, returns: returns, ticks: tick,
                        mispredicted: players[secondSide == .left ? 0 : 1].misses)
                }
            }
            let snapshot = game.snapshot
            if schedule.keyframe(after: snapshot, left: game.key(.left), right: game.key(.right), events: game.latestEvents) != nil {
                send(snapshot, at: tickAt)
            }
        }
        return Outcome(secondSide: secondSide, winner: nil, rewinds: rewinds, points: 0, returns: 0, ticks: tick, mispredicted: (0, 0))
    }

    enum EventKind { case look, arrivalAtPlayer, arrivalAtServer }

    func nextEvent(before limit: UInt64) -> (UInt64, Int, EventKind)? {
        var best: (UInt64, Int, EventKind)?
        for (index, player) in players.enumerated() {
            let candidates: [(UInt64, EventKind)] =
                [(player.nextLook, .look)] + (player.inbox.first.map { [($0.at, .arrivalAtPlayer)] } ?? [])
                + (player.outbox.first.map { [($0.at, .arrivalAtServer)] } ?? [])
            for (time, kind) in candidates where time < limit && time < (best?.0 ?? .max) {
                best = (time, index, kind)
            }
        }
        return best
    }

    mutating func handle(_ kind: EventKind, of index: Int, at now: UInt64) {
        switch kind {
        case .look:
            players[index].nextLook += UInt64(Self.period)
            if ai != nil, index == 1 { return }
            players[index].looks += 1
            // A ping a second, in place of a look, as `BenchPlayer` does.
            if players[index].looks % Field.ticksPerSecond == 1 {
                players[index].outbox.append((players[index].up.release(sentAt: now), .ping(sentAt: now)))
            } else if let press = players[index].brain.decide(at: now) {
                if let present = players[index].brain.presentTick(at: now) {
                    players[index].predicted[Int(present)] = players[index].brain.ownPaddle(at: Int(present))
                }
                players[index].outbox.append((players[index].up.release(sentAt: now), .press(press)))
            }
        case .arrivalAtPlayer:
            let (_, message) = players[index].inbox.removeFirst()
            switch message {
            case let .frame(frame): players[index].brain.received(frame, at: now)
            case let .pong(sentAt): players[index].brain.roundTrip(milliseconds: Double(now - sentAt) / 1e6)
            }
        case .arrivalAtServer:
            let (_, message) = players[index].outbox.removeFirst()
            switch message {
            case let .ping(sentAt):
                players[index].inbox.append((players[index].down.release(sentAt: now), .pong(sentAt: sentAt)))
            case let .press(press):
                let side: Side = index == 0 ? .left : .right
                let counted = game.press(press.key, side: side, pressedAt: press.stamp)
                rewinds.append(game.tick + 1 - counted)
                players[index].lastInput = press.sequence
            }
        }
    }

    /// A keyframe to both players, as the server's frame carries it (floats on the wire).
    mutating func send(_ snapshot: PongSnapshot, at now: UInt64) {
        let playing: Bool
        if case .serving = snapshot.phase { playing = false } else { playing = true }
        func bits(_ key: PaddleInput) -> UInt8 { key == .up ? 1 : key == .down ? 2 : 0 }
        let keys = bits(game.key(.left)) | bits(game.key(.right)) << 2
        func wire(_ value: Double) -> Double { Double(Float(value)) }
        let court = PongSnapshot(
            tick: snapshot.tick, phase: playing ? .playing : .serving(towards: .left, ticksLeft: 1_000), ballX: wire(snapshot.ballX),
            ballY: wire(snapshot.ballY), ballVX: wire(snapshot.ballVX), ballVY: wire(snapshot.ballVY),
            leftPaddleY: wire(snapshot.leftPaddleY), rightPaddleY: wire(snapshot.rightPaddleY), paddleHeight: snapshot.paddleHeight,
            leftScore: snapshot.leftScore, rightScore: snapshot.rightScore, rally: snapshot.rally)
        for index in players.indices {
            let frame = FollowerBrain.Frame(
                tick: snapshot.tick, phase: playing ? 1 : 0, keys: keys, lastInput: players[index].lastInput, state: court)
            players[index].inbox.append((players[index].down.release(sentAt: now), .frame(frame)))
        }
    }
}

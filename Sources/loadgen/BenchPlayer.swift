import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import PongCore

/// One simulated browser tab playing one game: it joins (an AI game it started, or the remote
/// game a quick match found for it, or it only watches), follows the ball with its paddle
/// (sending only key changes, as a person would), and records when each keyframe arrived. It
/// speaks WebSocket straight on SwiftNIO: the load generator must cost far less per message than
/// the server, or it measures itself.
///
/// The server sends a keyframe only when motion changes, so the player looks at the court 20 times
/// a second on its own clock and carries the last keyframe on to that moment (the ball along its
/// path, walls included), as a browser does at each display frame.
final class BenchPlayer: Sendable {
    struct Arrival: Sendable {
        let tick: UInt32
        let nanoseconds: UInt64
        let bytes: Int
    }

    /// What the last keyframe said, and when it arrived.
    struct Seen: Sendable {
        let arrivedAt: UInt64
        let playing: Bool
        let ballX, ballY, ballVX, ballVY: Double
        let paddleY: [String: Double]
        let keys: UInt8
    }

    static let lookInterval = TimeAmount.milliseconds(50)

    private struct State {
        var recording = false
        var arrivals: [Arrival] = []
        /// Key changes sent while recording (what the server reads, besides the pings).
        var inputs = 0
        var key = "none"
        var sequence = 0
        var over = false
        var texts: [String] = []
        var snapshots = 0
        var seen: Seen?
        /// The paddle it steers; nil while watching.
        var side: String? = "left"
        /// Set for the fairness benchmark: the follower plays instead of the capacity player's looks.
        var brain: FollowerBrain?
        var looks = 0
        /// The side that won, from `over`.
        var winner: String?
        /// Balls this player returned, from the server's `point` messages (settled, unlike a keyframe's
        /// rally, which a rewind may still change).
        var returns = 0
    }

    enum Role: Sendable {
        /// Joins this game at once.
        case play(game: String)
        /// Waits for `match_found` (after joining the quick-match queue), then joins that game.
        case matched
        /// Watches this game.
        case watch(game: String)
    }

    private let state = NIOLockedValueBox(State())
    private let channel = NIOLockedValueBox<(any Channel)?>(nil)
    private let looking = NIOLockedValueBox<LookClock?>(nil)

    static func connect(port: Int, cookie: String, game: String, on group: any EventLoopGroup) async throws -> BenchPlayer {
        try await connect(port: port, cookie: cookie, role: .play(game: game), on: group)
    }

    static func connect(
        port: Int, cookie: String, role: Role, brain: FollowerBrain? = nil, on group: any EventLoopGroup
    ) async throws -> BenchPlayer {
        let player = BenchPlayer()
        player.state.withLockedValue { $0.brain = brain }
        // The follower looks at every display frame, as a browser does; the capacity player 20 times a second.
        let lookInterval = brain == nil ? Self.lookInterval : .nanoseconds(1_000_000_000 / Int64(Field.ticksPerSecond))
        let upgraded = group.any().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: group).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let upgrader = NIOWebSocketClientUpgrader(
                    requestKey: Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
                    maxFrameSize: 1 << 14, automaticErrorHandling: true,
                    upgradePipelineHandler: { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(PlayerHandler(player: player))
                        }
                    })
                // The server's first ping and hello can arrive in the same read as
                // the 101: forward those bytes to the WebSocket decoder, don't drop them.
                try channel.pipeline.syncOperations.addHTTPClientHandlers(
                    leftOverBytesStrategy: .forwardBytes,
                    withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in upgraded.succeed(()) }))
                try channel.pipeline.syncOperations.addHandler(UpgradeRequest(port: port, cookie: cookie, upgraded: upgraded))
            }
        }.connect(host: "127.0.0.1", port: port).get()
        // A refused upgrade (503 from a shedding server) closes the connection without a 101, and
        // the upgrader never says so: the connection closing, or 15 s, end the wait instead (our own
        // promise, completed once, whichever comes first).
        let answered = channel.eventLoop.makePromise(of: Void.self)
        let settled = NIOLockedValueBox(false)
        let settle: @Sendable (Result<Void, any Error>) -> Void = { result in
            if settled.withLockedValue({ done in
                defer { done = true }
                return !done
            }) {
                answered.completeWith(result)
            }
        }
        upgraded.futureResult.whenComplete(settle)
        channel.closeFuture.whenComplete { _ in settle(.failure(BenchError("the upgrade was refused"))) }
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(15)) { settle(.failure(BenchError("the upgrade got no answer"))) }
        defer { deadline.cancel() }
        do {
            try await answered.futureResult.get()
        } catch {
            try? await channel.close()
            throw error
        }
        player.channel.withLockedValue { $0 = channel }
        let clock = LookClock.on(channel.eventLoop, every: lookInterval)
        clock.add(player)
        player.looking.withLockedValue { $0 = clock }
        channel.closeFuture.whenComplete { _ in clock.remove(player) }
        switch role {
        case let .play(game): player.send(#"{"t":"join","d":{"game":"\#(game)"}}"#)
        case .matched: break
        case let .watch(game):
            player.state.withLockedValue { $0.side = nil }
            player.send(#"{"t":"watch","d":{"game":"\#(game)"}}"#)
        }
        return player
    }

    func send(_ text: String) {
        guard let channel = channel.withLockedValue({ $0 }) else { return }
        let buffer = channel.allocator.buffer(string: text)
        let frame = WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: buffer)
        channel.writeAndFlush(frame, promise: nil)
    }

    /// A keyframe arrived: note when, and keep what it says for the next looks.
    fileprivate func received(snapshot buffer: ByteBuffer, at now: UInt64) {
        let start = buffer.readerIndex
        func float(_ offset: Int) -> Double {
            Double(Float(bitPattern: buffer.getInteger(at: start + offset, endianness: .little, as: UInt32.self) ?? 0))
        }
        if buffer.getInteger(at: start, as: UInt8.self) == 3,
            let tick = buffer.getInteger(at: start + 4, endianness: .little, as: UInt32.self)
        {
            return state.withLockedValue { $0.brain?.truth(tick: Int(tick), at: now) }
        }
        guard buffer.readableBytes == 40, buffer.getInteger(at: start, as: UInt8.self) == 1,
            let tick = buffer.getInteger(at: start + 4, endianness: .little, as: UInt32.self)
        else { return }
        let seen = Seen(
            arrivedAt: now, playing: buffer.getInteger(at: start + 1, as: UInt8.self) == 1,
            ballX: float(8), ballY: float(12), ballVX: float(16), ballVY: float(20),
            paddleY: ["left": float(24), "right": float(28)], keys: buffer.getInteger(at: start + 3, as: UInt8.self) ?? 0)
        state.withLockedValue { state in
            state.snapshots += 1
            state.seen = seen
            if state.recording { state.arrivals.append(Arrival(tick: tick, nanoseconds: now, bytes: 40)) }
            guard state.brain != nil else { return }
            let phase = buffer.getInteger(at: start + 1, as: UInt8.self) ?? 0
            let court = PongSnapshot(
                tick: Int(tick), phase: phase == 1 ? .playing : .serving(towards: .left, ticksLeft: 1_000),
                ballX: seen.ballX, ballY: seen.ballY, ballVX: seen.ballVX, ballVY: seen.ballVY,
                leftPaddleY: seen.paddleY["left"] ?? 0, rightPaddleY: seen.paddleY["right"] ?? 0,
                paddleHeight: PongSettings.PaddleSize.normal.height,
                leftScore: Int(buffer.getInteger(at: start + 32, as: UInt8.self) ?? 0),
                rightScore: Int(buffer.getInteger(at: start + 33, as: UInt8.self) ?? 0),
                rally: Int(buffer.getInteger(at: start + 34, endianness: .little, as: UInt16.self) ?? 0))
            let lastInput = Int(buffer.getInteger(at: start + 36, endianness: .little, as: UInt32.self) ?? 0)
            state.brain?.received(.init(tick: Int(tick), phase: phase, keys: seen.keys, lastInput: lastInput, state: court), at: now)
        }
    }

    /// A look at the court: the ball and my paddle carried on from the last keyframe to now, and
    /// the key that brings the paddle's centre to the ball (only a change is sent).
    func look(at now: UInt64) {
        let message: String? = state.withLockedValue { state in
            if state.brain != nil {
                state.looks += 1
                guard !state.over else { return nil }
                // A ping a second keeps the follower's round trip, as the game screen's does.
                if state.looks % Field.ticksPerSecond == 1 { return #"{"t":"ping","d":{"at":\#(Double(now) / 1e6)}}"# }
                return state.brain?.look(at: now)
            }
            guard let side = state.side, let seen = state.seen, !state.over else { return nil }
            let ticks = Double(now &- seen.arrivedAt) / 1e9 * Double(Field.ticksPerSecond)
            let ballY = seen.playing ? Self.carried(y: seen.ballY, vy: seen.ballVY, ticks: ticks) : Field.height / 2
            let keyBits = side == "left" ? seen.keys & 3 : seen.keys >> 2 & 3
            let direction = seen.keys & 16 != 0 ? 0.0 : keyBits == 1 ? -1.0 : keyBits == 2 ? 1.0 : 0.0
            let paddleY = min(max((seen.paddleY[side] ?? 0) + direction * Field.paddleSpeed * ticks, 0), Field.height - 100)
            let centre = paddleY + 50
            // As a person steers: start when the ball is well off the paddle's middle, stop once it is
            // reached (a dead band alone made ten key changes a second, more than anyone presses).
            let wanted: String
            switch state.key {
            case "up": wanted = ballY < centre - 5 ? "up" : ballY > centre + 30 ? "down" : "none"
            case "down": wanted = ballY > centre + 5 ? "down" : ballY < centre - 30 ? "up" : "none"
            default: wanted = ballY < centre - 30 ? "up" : ballY > centre + 30 ? "down" : "none"
            }
            guard wanted != state.key else { return nil }
            state.key = wanted
            state.sequence += 1
            if state.recording { state.inputs += 1 }
            return #"{"t":"input","d":{"seq":\#(state.sequence),"side":"\#(side)","key":"\#(wanted)"}}"#
        }
        if let message { send(message) }
    }

    /// The ball's height `ticks` on, bouncing between the walls.
    static func carried(y: Double, vy: Double, ticks: Double) -> Double {
        let low = Field.ballSize / 2, span = Field.height - Field.ballSize
        var folded = (y - low + vy * ticks).truncatingRemainder(dividingBy: 2 * span)
        if folded < 0 { folded += 2 * span }
        return low + (folded > span ? 2 * span - folded : folded)
    }

    fileprivate func received(text: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        state.withLockedValue {
            if text.contains(#""t":"over""#) {
                $0.over = true
                $0.winner = text.contains(#""winner":"left""#) ? "left" : text.contains(#""winner":"right""#) ? "right" : nil
            }
            if text.contains(#""t":"point""#), let rally = Self.number(after: #""rally":"#, in: text).map({ Int($0) }) {
                // The scorer hit last (if anyone did), and the hits alternate back from there.
                let scorer = text.contains(#""scorer":"left""#) ? "left" : "right"
                $0.returns += $0.side == scorer ? (rally + 1) / 2 : rally / 2
            }
            if text.contains(#""t":"game""#), $0.side != nil {
                $0.side = text.contains(#""controls":["right"]"#) ? "right" : "left"
                $0.brain?.side = $0.side == "right" ? .right : .left
            }
            if text.contains(#""t":"pong""#), let at = Self.number(after: #""at":"#, in: text) {
                $0.brain?.roundTrip(milliseconds: Double(now) / 1e6 - at)
            }
            if $0.texts.count < 30 { $0.texts.append(String(text.prefix(120))) }
        }
        // A quick match found this player a game: join it, as the browser does.
        if text.contains(#""t":"match_found""#), let start = text.range(of: #""game":""#) {
            let game = text[start.upperBound...].prefix(36)
            send(#"{"t":"join","d":{"game":"\#(game)"}}"#)
        }
    }

    private static func number(after key: String, in text: String) -> Double? {
        guard let start = text.range(of: key) else { return nil }
        return Double(text[start.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" })
    }

    /// The follower's figures once its game is over: the side that won, and the balls it returned.
    var result: (side: String?, winner: String?, returns: Int) {
        state.withLockedValue { ($0.side, $0.winner, $0.returns) }
    }

    /// What this client saw, for BENCH_DEBUG.
    var debugDescription: String {
        let active = channel.withLockedValue { $0?.isActive ?? false }
        return state.withLockedValue {
            let brain =
                $0.brain.map { brain in
                    let present = brain.presentTick(at: DispatchTime.now().uptimeNanoseconds) ?? -1
                    let frames = brain.frames.suffix(2).map { ($0.tick, $0.phase, $0.state.ballX, $0.state.rally) }
                    return "present \(present), frames \(frames), sent \(brain.sequence)"
                } ?? ""
            return "active \(active), snapshots \($0.snapshots), \(brain) texts \($0.texts)"
        }
    }

    func record(_ on: Bool) {
        state.withLockedValue { $0.recording = on }
    }

    var arrivals: [Arrival] { state.withLockedValue { $0.arrivals } }
    var isOver: Bool { state.withLockedValue { $0.over } }
    var inputsRecorded: Int { state.withLockedValue { $0.inputs } }
    /// The follower's mean clock lead over the truth stream, in ticks (nil without it).
    var clockLead: Double? {
        state.withLockedValue { $0.brain.flatMap { $0.clockLead.count > 0 ? $0.clockLead.sum / Double($0.clockLead.count) : nil } }
    }

    func leave() async {
        looking.withLockedValue { $0 }?.remove(self)
        send(#"{"t":"leave"}"#)
        try? await Task.sleep(for: .milliseconds(5))
        try? await channel.withLockedValue({ $0 })?.close()
    }
}

/// Sends the HTTP upgrade request with the session cookie and a same-site Origin,
/// then passes everything through.
private final class UpgradeRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart
    let port: Int
    let cookie: String
    let upgraded: EventLoopPromise<Void>

    init(port: Int, cookie: String, upgraded: EventLoopPromise<Void>) {
        self.port = port
        self.cookie = cookie
        self.upgraded = upgraded
    }

    func channelActive(context: ChannelHandlerContext) {
        let headers: HTTPHeaders = [
            "Host": "127.0.0.1:\(port)", "Origin": "http://127.0.0.1:\(port)", "Cookie": cookie,
            "Content-Length": "0"
        ]
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/api/ws", headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A refused upgrade (no 101) ends up here.
        upgraded.fail(error)
        context.close(promise: nil)
    }
}

private final class PlayerHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame
    let player: BenchPlayer

    init(player: BenchPlayer) {
        self.player = player
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .binary:
            player.received(snapshot: frame.unmaskedData, at: DispatchTime.now().uptimeNanoseconds)
        case .text:
            player.received(text: String(buffer: frame.unmaskedData))
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            var data = frame.unmaskedData
            player.received(text: "close \(data.readInteger(as: UInt16.self).map(String.init) ?? "-")")
            context.close(promise: nil)
        default:
            break
        }
    }
}

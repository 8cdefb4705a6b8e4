import Foundation
import PongCore

/// Every message a client may send, on the wire `{"t": type, "d": data}`.
enum ClientMessage: Decodable, Sendable {
    case join(game: UUID)
    /// `tick`: the server tick the key was pressed at, as the client's synchronised clock reckons it
    /// (see `RewindableGame`); without it the key counts from the next tick.
    case input(seq: Int, side: Side, key: PaddleInput, tick: Int?)
    case pause
    case resume
    case leave
    case ping(at: Double)
    /// I am typing in this conversation (clients send it at most every few seconds).
    case typing(conversation: UUID)
    /// Watch a live game (anyone signed in); `unwatch` stops.
    case watch(game: UUID)
    case unwatch
    /// My measured round trip and its jitter in ms, shown to the other player and the spectators.
    case latency(ms: Int, jitter: Int?)

    /// What a visitor (no account) may send: their own game's messages, nothing social.
    var isForVisitors: Bool {
        switch self {
        case .join, .input, .pause, .resume, .leave, .ping, .latency: true
        case .typing, .watch, .unwatch: false
        }
    }

    /// What a relay from another instance carries: a tab's game messages (and a player's pings,
    /// so the round trip they measure is the one their inputs make, to the game's instance).
    var isRelayed: Bool {
        switch self {
        case .join, .input, .pause, .resume, .leave, .watch, .unwatch, .latency, .ping: true
        case .typing: false
        }
    }

    private enum CodingKeys: String, CodingKey { case t, d }
    private struct Join: Decodable { let game: UUID }
    private struct Input: Decodable {
        let seq: Int
        let side: Side
        let key: PaddleInput
        let tick: Int?
    }
    private struct Ping: Decodable { let at: Double }
    private struct Typing: Decodable { let conversation: UUID }
    private struct Latency: Decodable {
        let ms: Int
        let jitter: Int?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .t)
        switch type {
        case "join": self = .join(game: try container.decode(Join.self, forKey: .d).game)
        case "input":
            let input = try container.decode(Input.self, forKey: .d)
            self = .input(seq: input.seq, side: input.side, key: input.key, tick: input.tick)
        case "pause": self = .pause
        case "resume": self = .resume
        case "leave": self = .leave
        case "ping": self = .ping(at: try container.decode(Ping.self, forKey: .d).at)
        case "typing": self = .typing(conversation: try container.decode(Typing.self, forKey: .d).conversation)
        case "watch": self = .watch(game: try container.decode(Join.self, forKey: .d).game)
        case "unwatch": self = .unwatch
        case "latency":
            let latency = try container.decode(Latency.self, forKey: .d)
            self = .latency(ms: latency.ms, jitter: latency.jitter)
        default:
            throw DecodingError.dataCorruptedError(forKey: .t, in: container, debugDescription: "unknown message type")
        }
    }
}

/// The error a client's message earned; the connection stays open unless the code says otherwise.
struct RealtimeError: Codable, Sendable, Error {
    let code: String
    let message: String

    static let invalidMessage = RealtimeError(code: "invalid_message", message: "This message could not be read.")
    static let rateLimited = RealtimeError(code: "rate_limited", message: "Too many messages: slow down.")
    static let signInRequired = RealtimeError(code: "sign_in_required", message: "Sign up or log in to do this.")
    static let gameNotFound = RealtimeError(code: "game_not_found", message: "This game does not exist or has ended.")
    static let notInGame = RealtimeError(code: "not_in_game", message: "Join a game first.")
    static let notYourSide = RealtimeError(code: "not_your_side", message: "You do not control this paddle.")
    static let tooManySpectators = RealtimeError(code: "too_many_spectators", message: "This game has as many spectators as it can take.")
    static let watchLimited = RealtimeError(
        code: "watch_limited",
        message: "You started watching too many games this minute. Wait a moment.")
    static let spectating = RealtimeError(code: "spectating", message: "Spectators watch; they can't play.")
    static let cannotPause = RealtimeError(code: "cannot_pause", message: "This game cannot be paused now.")
    static let noPausesLeft = RealtimeError(code: "no_pauses_left", message: "You have used both of your pauses in this game.")
    static let conversationNotFound = RealtimeError(
        code: "conversation_not_found",
        message: "This conversation does not exist or you are not in it.")
}

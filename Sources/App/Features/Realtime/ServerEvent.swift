import Foundation

/// Everything the server sends over the socket, on the wire `{"t": type, "d": data}`:
/// one case per event with its payload (`ClientMessage` is the other direction). A new
/// event is a new case here, documented in the OpenAPI description of `/api/ws`
/// (a test checks every `Kind` is).
enum ServerEvent: Sendable {
    // The connection
    case hello(user: String)
    case pong(at: Double)
    case error(RealtimeError)
    // A live game
    case game(LiveGameDTO)
    case gameReplaced(game: UUID)
    case point(PointRecord)
    case paused(PausedEvent)
    case resumed
    case over(GameSummaryDTO)
    // Friends and presence
    case presence(PresenceEvent)
    case friend(FriendEvent)
    // Chat
    case message(ChatMessageDTO)
    case read(ReadEvent)
    case typing(TypingEvent)
    case conversation(ConversationEvent)
    // Notifications
    case notification(NotificationDTO)
    case notificationsRead(NotificationsReadDTO)
    // Playing other people
    case invitation(InvitationDTO)
    case matchFound(MatchFoundDTO)
    case spectators(count: Int)
    case latency(LatencyEvent)
    // Tournaments
    case tournament(TournamentEventDTO)
    case tournamentCall(TournamentCallDTO)

    /// The `t` of each event on the wire.
    enum Kind: String, CaseIterable, Sendable {
        case hello, pong, error, game, point, paused, resumed, over, presence, friend, message, read, typing, conversation, notification
        case invitation
        case matchFound = "match_found"
        case spectators, latency
        case tournament
        case tournamentCall = "tournament_call"
        case gameReplaced = "game.replaced"
        case notificationsRead = "notifications_read"
    }

    var kind: Kind {
        switch self {
        case .hello: .hello
        case .pong: .pong
        case .error: .error
        case .game: .game
        case .gameReplaced: .gameReplaced
        case .point: .point
        case .paused: .paused
        case .resumed: .resumed
        case .over: .over
        case .presence: .presence
        case .friend: .friend
        case .message: .message
        case .read: .read
        case .typing: .typing
        case .conversation: .conversation
        case .notification: .notification
        case .notificationsRead: .notificationsRead
        case .invitation: .invitation
        case .matchFound: .matchFound
        case .spectators: .spectators
        case .latency: .latency
        case .tournament: .tournament
        case .tournamentCall: .tournamentCall
        }
    }

    /// Compact JSON text, encoded once however many sockets it goes to.
    func json() -> String {
        let t = kind.rawValue
        switch self {
        case let .hello(user): return ServerMessage(t, ["user": user]).json()
        case let .pong(at): return ServerMessage(t, ["at": at]).json()
        case let .error(error): return ServerMessage(t, error).json()
        case let .game(game): return ServerMessage(t, game).json()
        case let .gameReplaced(game): return ServerMessage(t, ["game": game]).json()
        case let .point(point): return ServerMessage(t, point).json()
        case let .paused(event): return ServerMessage(t, event).json()
        case .resumed: return ServerMessage(t, Empty()).json()
        case let .over(summary): return ServerMessage(t, summary).json()
        case let .presence(event): return ServerMessage(t, event).json()
        case let .friend(event): return ServerMessage(t, event).json()
        case let .message(message): return ServerMessage(t, message).json()
        case let .read(event): return ServerMessage(t, event).json()
        case let .typing(event): return ServerMessage(t, event).json()
        case let .conversation(event): return ServerMessage(t, event).json()
        case let .notification(notification): return ServerMessage(t, notification).json()
        case let .notificationsRead(result): return ServerMessage(t, result).json()
        case let .invitation(invitation): return ServerMessage(t, invitation).json()
        case let .matchFound(found): return ServerMessage(t, found).json()
        case let .spectators(count): return ServerMessage(t, ["count": count]).json()
        case let .latency(event): return ServerMessage(t, event).json()
        case let .tournament(event): return ServerMessage(t, event).json()
        case let .tournamentCall(call): return ServerMessage(t, call).json()
        }
    }
}

/// `{"t": type, "d": data}` as compact JSON text.
struct ServerMessage<Payload: Encodable & Sendable>: Encodable, Sendable {
    let t: String
    let d: Payload

    init(_ type: String, _ payload: Payload) {
        self.t = type
        self.d = payload
    }

    func json() -> String {
        // Encoding plain DTOs cannot fail; an empty object keeps the socket alive if it somehow does.
        (try? String(decoding: JSONEncoder.api.encode(self), as: UTF8.self)) ?? #"{"t":"error","d":{}}"#
    }
}

struct Empty: Encodable, Sendable {}

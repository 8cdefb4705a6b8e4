import Foundation

/// Every event the server sends, each declared once. A new event is a new line here and in `all`;
/// the `/api/ws` description in the OpenAPI document and `Public/js/realtime-events.js` are made
/// from `all` (`TRANSCENDENCE_DEV_COMMANDS=1 swift run transcendence realtime-events` rewrites the file; a test
/// fails if it drifts).
extension ServerEvent {
    // The connection
    static let hello = EventType<HelloEvent>("hello", "{user}", "the socket is open, for this player")
    static let pong = EventType<PongReply>("pong", "{at}", "the answer to ping, echoing its time")
    static let error = EventType<RealtimeError>("error", "{code, message}", "a message was refused")
    // A live game
    static let game = EventType<LiveGameDTO>("game", "players, settings, field, controls", "the game joined or watched, as it stands")
    static let gameReplaced = EventType<GameReplacedEvent>(
        "gameReplaced", "{game}", "this tab left the game because the same player joined it from another")
    static let point = EventType<PointRecord>("point", "a point", "a point was scored")
    static let paused = EventType<PausedEvent>(
        "paused", "{reason: player|disconnected|waiting|moving, by, secondsLeft}", "the game is paused, and for how long")
    static let resumed = EventType<Empty>("resumed", "{}", "the game goes on")
    static let over = EventType<GameSummaryDTO>("over", "the summary", "the game ended and its result is stored")
    static let spectators = EventType<SpectatorsEvent>("spectators", "{count}", "how many watch the game")
    static let latency = EventType<LatencyEvent>(
        "latency", "{left, right, leftJitter, rightJitter}", "each player's round trip and its jitter in ms")
    // Friends and presence
    static let presence = EventType<PresenceEvent>(
        "presence", "{user, status: offline|online|in_game}", "a friend's presence changed")
    static let friend = EventType<FriendEvent>(
        "friend", "{event: request|accepted|declined|canceled|removed, user}", "a friendship changed")
    // Chat
    static let message = EventType<ChatMessageDTO>("message", "a ChatMessage", "a new message in one of my conversations")
    static let read = EventType<ReadEvent>("read", "{conversation, user, messageId}", "someone read a conversation up to a message")
    static let typing = EventType<TypingEvent>("typing", "{conversation, user}", "someone is typing")
    static let conversation = EventType<ConversationEvent>(
        "conversation", "{event: added|changed|left, conversation}", "a conversation of mine changed")
    // Notifications
    static let notification = EventType<NotificationDTO>("notification", "a Notification", "a new notification")
    static let notificationsRead = EventType<NotificationsReadDTO>(
        "notificationsRead", "{unread}", "notifications were read in another tab")
    // Playing other people
    static let invitation = EventType<InvitationDTO>("invitation", "an Invitation", "a game invitation changed, told to both players")
    static let matchFound = EventType<MatchFoundDTO>("matchFound", "{game, opponent, opponentRating}", "the queue found an opponent")
    static let rematch = EventType<RematchDTO>(
        "rematch", "{match, from, to, status, expiresAt, secondsLeft, game}",
        "a rematch was offered, accepted (with its game), declined, withdrawn or lapsed, told to both players")
    static let challenge = EventType<ChallengeEventDTO>(
        "challenge", "{id, change: accepted|declined|cancelled, by, game}",
        "someone accepted my challenge (with the game), declined it, or it was cancelled")
    // Tournaments
    static let tournament = EventType<TournamentEventDTO>(
        "tournament", "{tournament, change}", "something changed in a tournament I'm in or invited to: fetch it again")
    static let tournamentCall = EventType<TournamentCallDTO>(
        "tournamentCall",
        "{tournament, tournamentName, match, roundName, opponent, status: called|started|decided, readyDeadline, calledAt, game}",
        "my match is ready, its game started, or it was decided without a game")

    /// In the order the docs list them.
    static let all: [any ServerEventDeclaration] = [
        hello, pong, error, game, gameReplaced, point, paused, resumed, over, spectators, latency, presence, friend,
        message, read, typing, conversation, notification, notificationsRead, invitation, matchFound, rematch, challenge,
        tournament,
        tournamentCall
    ]
}

struct HelloEvent: Codable, Sendable {
    let user: String
}

struct PongReply: Codable, Sendable {
    /// The client's own `at`, so it can measure the round trip.
    let at: Double
}

struct GameReplacedEvent: Codable, Sendable {
    let game: UUID
}

struct SpectatorsEvent: Codable, Sendable {
    let count: Int
}

import Foundation
import NIOCore
import NIOWebSocket
import Vapor

/// Reads one connection's messages and routes them. Its state is touched
/// only from the socket's callbacks, which all run on the socket's event loop.
final class RealtimeSession: @unchecked Sendable {
    /// Paddle inputs are at most a couple per tick; twice the tick rate leaves room for honest key mashing.
    static let messagesPerSecond = 120.0
    static let burst = 120.0
    /// A client still sending this many messages past its budget is cut off.
    static let refusalsBeforeClose = 240

    /// What a socket reaches: games, the other connected players, chat.
    struct Services: Sendable {
        let games: GameHub
        let users: ConnectedUsers
        let chat: @Sendable () -> ChatService
        /// Whether a login session still exists (a logout can land while the upgrade is under way).
        let sessionIsLive: @Sendable (UUID) async -> Bool
        let clock: AppClock
    }

    /// A typing indicator is news at most once a second per tab.
    static let typingInterval = TimeAmount.seconds(1)

    private let connection: RealtimeConnection
    private let services: Services
    private var games: GameHub { services.games }
    private var lastTyping: NIODeadline?
    private var budget = MessageBudget(perSecond: messagesPerSecond, burst: burst)
    private var refusals = 0
    private var lastRefusalNotice: NIODeadline?
    private var game: LiveGame?
    /// The game this tab watches, if any.
    private var watching: LiveGame?
    private var watchWindow = WatchWindow()
    private var expiry: Scheduled<Void>?
    /// One decoder for the connection's life, not one per message.
    private let decoder = JSONDecoder()

    private init(connection: RealtimeConnection, services: Services) {
        self.connection = connection
        self.services = services
    }

    static func start(_ connection: RealtimeConnection, sessionExpiresAt: Date, services: Services) {
        let session = RealtimeSession(connection: connection, services: services)
        // A session's absolute lifetime ends its socket too; every other ending is announced (SessionEndings).
        let lifetime = max(0, sessionExpiresAt.timeIntervalSince(services.clock.now))
        session.expiry = connection.eventLoop.scheduleTask(in: .milliseconds(Int64(min(lifetime, 1e9) * 1000))) {
            connection.close(.sessionEnded)
        }
        let socket = connection.socket
        // Keep-alive pings are WebSocketFrameGuard's: a half-open client is noticed within two intervals.
        // Counted before onClose is set: a socket already closed removes itself at once, never leaving a ghost online.
        switch services.users.add(connection) {
        case .refused:
            connection.close(.tooManySockets)
        case let .admitted(evicting: older):
            for tab in older { tab.close(.replacedByNewerTab) }
            // A session that ended between the upgrade's check and this registration was announced
            // before this socket could hear it: look once more, now that it is registered.
            Task {
                if await !services.sessionIsLive(connection.sessionID) { connection.close(.sessionEnded) }
            }
        }
        socket.onText { _, text in session.received(text: text) }
        socket.onBinary { _, _ in session.refuse(.invalidMessage) }
        socket.onClose.whenComplete { _ in session.closed() }
        connection.send(.hello(HelloEvent(user: connection.username)))
    }

    private func received(text: String) {
        // After a session ends its socket may still deliver a message or two before it closes: ignore them.
        guard !connection.isClosing else { return }
        let now = NIODeadline.now()
        guard budget.spend(at: now) else {
            refusals += 1
            if refusals > Self.refusalsBeforeClose {
                connection.close(.policyViolation)
            } else if lastRefusalNotice.map({ now - $0 > .seconds(1) }) ?? true {
                lastRefusalNotice = now
                connection.send(.error(.rateLimited))
            }
            return
        }
        guard let message = try? decoder.decode(ClientMessage.self, from: Data(text.utf8)) else {
            return refuse(.invalidMessage)
        }
        handle(message)
    }

    private func refuse(_ error: RealtimeError) {
        connection.send(.error(error))
    }

    private func handle(_ message: ClientMessage) {
        if connection.isVisitor, !message.isForVisitors { return refuse(.signInRequired) }
        switch message {
        case let .join(id):
            guard let live = games.game(id), live.setup.participants.contains(connection.userID) else {
                // Someone else's game answers exactly like a missing one.
                return refuse(.gameNotFound)
            }
            if let game, game !== live { game.disconnected(connection) }
            stopWatching()
            game = live
            services.users.setGame(id, for: connection)
            live.join(connection)
        case let .input(sequence, side, key):
            guard let game else { return refuse(watching == nil ? .notInGame : .spectating) }
            game.input(from: connection, sequence: sequence, side: side, key: key)
        case .pause:
            guard let game else { return refuse(watching == nil ? .notInGame : .spectating) }
            game.pause(from: connection)
        case .resume:
            guard let game else { return refuse(.notInGame) }
            game.resume(from: connection)
        case .leave:
            guard let game else { return refuse(.notInGame) }
            game.leave(from: connection)
            self.game = nil
            services.users.setGame(nil, for: connection)
        case let .ping(at):
            connection.send(.pong(PongReply(at: at)))
        case let .typing(conversation):
            typing(in: conversation)
        case let .watch(id):
            let now = NIODeadline.now()
            // Per tab, then per account (many tabs): a refused watch never reaches the game.
            guard watchWindow.admit(at: now), games.watchAllowance.admit(connection.userID, at: now) else {
                return refuse(.watchLimited)
            }
            // A visitor's game is theirs alone: it answers like a missing one.
            guard let live = games.game(id), !live.setup.isVisitorGame else { return refuse(.gameNotFound) }
            stopWatching()
            watching = live
            live.watch(connection)
        case .unwatch:
            stopWatching()
        case let .latency(ms):
            game?.reportRoundTrip(from: connection, milliseconds: ms)
        }
    }

    private func typing(in conversation: UUID) {
        let now = NIODeadline.now()
        if let lastTyping, now - lastTyping < Self.typingInterval { return }
        lastTyping = now
        let (connection, chat) = (connection, services.chat)
        Task {
            do {
                try await chat().typing(in: conversation, by: connection.userID, username: connection.username)
            } catch {
                connection.send(.error(.conversationNotFound))
            }
        }
    }

    private func stopWatching() {
        watching?.unwatch(connection)
        watching = nil
    }

    private func closed() {
        expiry?.cancel()
        expiry = nil
        stopWatching()
        game?.disconnected(connection)
        game = nil
        services.users.remove(connection)
    }
}

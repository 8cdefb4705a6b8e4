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
        /// Games other instances own (a cluster); nil in one process, which has every game.
        var relays: GameRelays?
        /// The language the tab reads: its error messages are sent in it.
        var language = Localizer.english
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
    private let sessionExpiresAt: Date
    /// This socket is another instance's relay: it never relays further.
    private let isRelay: Bool
    /// The tab's game (or watched game) when another instance owns it.
    private var relay: GameRelayLink?
    /// The next look for a relayed game whose owner went away.
    private var relayRetry: Scheduled<Void>?
    /// One decoder for the connection's life, not one per message.
    private let decoder = JSONDecoder()

    private init(connection: RealtimeConnection, services: Services, sessionExpiresAt: Date, isRelay: Bool) {
        self.connection = connection
        self.services = services
        self.sessionExpiresAt = sessionExpiresAt
        self.isRelay = isRelay
    }

    /// `relayed`: the socket is another instance's relay for a tab it holds (`GameRelayLink`). That
    /// instance counts the tab and keeps its presence; here it reaches its game and nothing else.
    static func start(_ connection: RealtimeConnection, sessionExpiresAt: Date, services: Services, relayed: Bool = false) {
        let session = RealtimeSession(connection: connection, services: services, sessionExpiresAt: sessionExpiresAt, isRelay: relayed)
        // A session's absolute lifetime ends its socket too; every other ending is announced (SessionEndings).
        let lifetime = max(0, sessionExpiresAt.timeIntervalSince(services.clock.now))
        session.expiry = connection.eventLoop.scheduleTask(in: .milliseconds(Int64(min(lifetime, 1e9) * 1000))) {
            connection.close(.sessionEnded)
        }
        let socket = connection.socket
        if relayed {
            let socket = connection.socket
            socket.onText { _, text in session.received(text: text, relayed: true) }
            socket.onBinary { _, _ in session.refuse(.invalidMessage) }
            socket.onClose.whenComplete { _ in session.closed() }
            return
        }
        // Keep-alive pings are WebSocketFrameGuard's: a half-open client is noticed within two intervals.
        // Counted before onClose is set: a socket already closed removes itself at once, never leaving a ghost online.
        switch services.users.add(connection) {
        case .refused:
            connection.close(.tooManySockets)
        case let .admitted(evicting: older):
            for tab in older { tab.close(.replacedByNewerTab) }
            let users = services.users
            // In a cluster, hello waits for the count across instances: by then the other instances
            // have been told about this tab, so what they send this player reaches it.
            let greetNow = users.shared == nil
            Task {
                guard await users.admittedByCluster(connection) else { return connection.close(.tooManySockets) }
                if !greetNow { connection.send(.hello(HelloEvent(user: connection.username))) }
                // A session that ended between the upgrade's check and this registration was announced
                // before this socket could hear it: look once more, now that it is registered.
                if await !services.sessionIsLive(connection.sessionID) { connection.close(.sessionEnded) }
            }
            if greetNow { connection.send(.hello(HelloEvent(user: connection.username))) }
        }
        socket.onText { _, text in session.received(text: text) }
        socket.onBinary { _, _ in session.refuse(.invalidMessage) }
        socket.onClose.whenComplete { _ in session.closed() }
    }

    private func received(text: String, relayed: Bool = false) {
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
        guard let message = ClientMessage.keyChange(text) ?? (try? decoder.decode(ClientMessage.self, from: Data(text.utf8)))
        else {
            return refuse(.invalidMessage)
        }
        // A relay carries a tab's game messages only: the tab's own instance answers the rest.
        if relayed, !message.isRelayed { return refuse(.invalidMessage) }
        handle(message, text: text)
    }

    private func refuse(_ error: RealtimeError) {
        connection.send(.error(RealtimeError(code: error.code, message: Localizer.shared.translate(error.message, to: services.language))))
    }

    private func handle(_ message: ClientMessage, text: String) {
        if connection.isVisitor, !message.isForVisitors { return refuse(.signInRequired) }
        switch message {
        case let .join(id):
            guard let live = games.game(id) else { return relay(text, to: id, watching: false) }
            guard live.setup.participants.contains(connection.userID) else {
                // Someone else's game answers exactly like a missing one.
                return refuse(.gameNotFound)
            }
            if let game, game !== live { game.disconnected(connection) }
            stopWatching()
            dropRelay()
            game = live
            services.users.setGame(id, for: connection)
            live.join(connection)
        case let .input(sequence, side, key, tick):
            if game == nil, let relay, !relay.watching { return relay.forward(text) }
            guard let game else { return refuse(watching == nil && relay == nil ? .notInGame : .spectating) }
            game.input(from: connection, sequence: sequence, side: side, key: key, pressedAt: tick)
        case .pause:
            if game == nil, let relay, !relay.watching { return relay.forward(text) }
            guard let game else { return refuse(watching == nil && relay == nil ? .notInGame : .spectating) }
            game.pause(from: connection)
        case .resume:
            if game == nil, let relay, !relay.watching { return relay.forward(text) }
            guard let game else { return refuse(.notInGame) }
            game.resume(from: connection)
        case .leave:
            if game == nil, let relay, !relay.watching {
                // The owner ends the game and its `over` comes back through the link.
                relay.forward(text)
                return services.users.setGame(nil, for: connection)
            }
            guard let game else { return refuse(.notInGame) }
            game.leave(from: connection)
            self.game = nil
            services.users.setGame(nil, for: connection)
        case let .ping(at):
            // A player's pings go where the game runs: the game screen shows that round trip.
            if game == nil, let relay, !relay.watching, !relay.isClosed { return relay.forward(text) }
            connection.send(.pong(PongReply(at: at)))
        case let .typing(conversation):
            typing(in: conversation)
        case let .watch(id):
            let now = NIODeadline.now()
            // Per tab, then per account (many tabs): a refused watch never reaches the game.
            guard watchWindow.admit(at: now), games.watchAllowance.admit(connection.userID, at: now) else {
                return refuse(.watchLimited)
            }
            guard let live = games.game(id) else { return relay(text, to: id, watching: true) }
            // A visitor's game is theirs alone: it answers like a missing one.
            guard !live.setup.isVisitorGame else { return refuse(.gameNotFound) }
            stopWatching()
            if relay?.watching == true { dropRelay() }
            watching = live
            live.watch(connection)
        case .unwatch:
            if relay?.watching == true { return dropRelay() }
            stopWatching()
        case let .latency(ms, jitter):
            if game == nil, let relay, !relay.watching { return relay.forward(text) }
            game?.reportRoundTrip(from: connection, milliseconds: ms, jitter: jitter)
        }
    }

    // MARK: Games another instance owns

    /// Joins or watches `id` through its owner, if another instance of the cluster runs it.
    private func relay(_ text: String, to id: UUID, watching: Bool) {
        guard services.relays != nil, !isRelay else { return refuse(.gameNotFound) }
        if let relay, relay.game == id, relay.watching == watching, !relay.isClosed { return relay.forward(text) }
        if watching {
            stopWatching()
        } else if let game {
            game.disconnected(connection)
            self.game = nil
        }
        dropRelay()
        link(to: id, watching: watching, first: text, attempt: 0)
    }

    private func link(to id: UUID, watching: Bool, first text: String, attempt: Int) {
        guard let relays = services.relays else { return }
        let link = GameRelayLink(game: id, watching: watching, tab: connection)
        relay = link
        link.forward(text)
        if !watching { services.users.setGame(id, for: connection) }
        let (connection, pass) = (connection, relays.pass(for: connection, sessionExpiresAt: sessionExpiresAt))
        let ended: @Sendable (GameRelayLink.Ending) -> Void = { ending in
            connection.eventLoop.execute { [self] in relayEnded(link, ending, first: text, attempt: attempt) }
        }
        Task {
            let whereabouts = await relays.whereabouts(of: id)
            connection.eventLoop.execute { [self] in
                guard relay === link else { return }
                switch whereabouts {
                case let .at(owner): link.open(to: owner, pass: pass, logger: relays.logger, ended: ended)
                case .moving: relayEnded(link, .unreachable, first: text, attempt: attempt)
                case .notElsewhere: relayEnded(link, .notElsewhere, first: text, attempt: attempt)
                }
            }
        }
    }

    private func relayEnded(_ link: GameRelayLink, _ ending: GameRelayLink.Ending, first text: String, attempt: Int) {
        guard relay === link else { return }
        relay = nil
        link.close()
        if !link.watching { services.users.setGame(nil, for: connection) }
        switch ending {
        case .closedHere:
            return
        case .unreachable, .ownerLost:
            // The owner died (or is dying): once it has been silent for the heartbeat's timeout another
            // instance takes the game over from its last checkpoint. The tab waits, told why, and
            // looks again with a growing pause, for a minute at most.
            guard attempt < Self.relayAttempts else { return gameIsGone(link.game, first: text) }
            if attempt == 0 { connection.send(.paused(PausedEvent(reason: "moving", by: nil, secondsLeft: nil))) }
            let delay = TimeAmount.milliseconds(Int64(min(3000, 500 * (1 << min(attempt, 3)))))
            let (game, watching) = (link.game, link.watching)
            relayRetry = connection.eventLoop.scheduleTask(in: delay) { [self] in
                relayRetry = nil
                guard relay == nil, self.game == nil, self.watching == nil, !connection.isClosing else { return }
                self.link(to: game, watching: watching, first: text, attempt: attempt + 1)
            }
        case .notElsewhere:
            gameIsGone(link.game, first: text)
        }
    }

    /// No other instance runs the game: it may run here now (taken over by this instance), or it
    /// has ended, and the tab gets its end screen.
    private func gameIsGone(_ id: UUID, first text: String) {
        if games.game(id) != nil, let message = try? decoder.decode(ClientMessage.self, from: Data(text.utf8)) {
            return handle(message, text: text)
        }
        guard let relays = services.relays else { return refuse(.gameNotFound) }
        let connection = connection
        Task {
            if let summary = await relays.summary(ofEnded: id) {
                connection.send(.over(summary))
            } else {
                connection.send(.error(.gameNotFound))
            }
        }
    }

    private func dropRelay() {
        relayRetry?.cancel()
        relayRetry = nil
        guard let link = relay else { return }
        relay = nil
        link.close()
        if !link.watching { services.users.setGame(nil, for: connection) }
    }

    /// Tries to reach a game whose owner is gone: about a minute (the heartbeat's silence, the takeover, slack).
    private static let relayAttempts = 22

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
        dropRelay()
        game?.disconnected(connection)
        game = nil
        services.users.remove(connection)
    }
}

import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor
import WebSocketKit

/// One tab's way to a game another instance owns: a WebSocket from this instance to the owner's
/// `/internal/relay`, where the owner treats it as the player's own socket. The tab's game
/// messages go through as they came; whatever the game sends (its description, snapshots, points,
/// the end) comes back and goes to the tab unchanged. Messages sent before the link is open wait,
/// in order.
final class GameRelayLink: Sendable {
    /// How the link ended, for the tab's session to act on.
    enum Ending: Sendable {
        /// This side closed it (the tab left, joined something else, or closed).
        case closedHere
        /// The owner could not be reached or refused the pass.
        case unreachable
        /// The owner went away mid-game: its instance stopped or was killed.
        case ownerLost
        /// No other live instance runs the game (it ended, or this instance took it over).
        case notElsewhere
    }

    private enum State {
        case connecting(waiting: [String])
        case open(WebSocket)
        case closed
    }

    let game: UUID
    let watching: Bool
    private let tab: RealtimeConnection
    private let state = NIOLockedValueBox(State.connecting(waiting: []))

    init(game: UUID, watching: Bool, tab: RealtimeConnection) {
        self.game = game
        self.watching = watching
        self.tab = tab
    }

    var isClosed: Bool {
        state.withLockedValue { if case .closed = $0 { true } else { false } }
    }

    /// Sends a message of the tab's to the owner (once the link is open).
    func forward(_ text: String) {
        let socket = state.withLockedValue { state -> WebSocket? in
            switch state {
            case var .connecting(waiting):
                waiting.append(text)
                state = .connecting(waiting: waiting)
                return nil
            case let .open(socket): return socket
            case .closed: return nil
            }
        }
        socket?.send(text, promise: nil)
    }

    /// Opens the link to `address` (`http://host:port`); `ended` is called once, however it ends.
    func open(to address: String, pass: String, logger: Logger, ended: @escaping @Sendable (Ending) -> Void) {
        let url = address.replacingOccurrences(of: "http://", with: "ws://") + "/internal/relay"
        var configuration = WebSocketClient.Configuration()
        // The game's description and snapshots are small, but the owner's frames are not ours to cap tightly.
        configuration.maxFrameSize = 1 << 20
        let (tab, watching) = (tab, watching)
        let connecting = WebSocket.connect(
            to: url, headers: [RelayPass.header: pass], configuration: configuration, on: tab.eventLoop
        ) { [self] socket in
            socket.onText { _, text in tab.send(json: text) }
            socket.onBinary { _, buffer in tab.sendBinary(buffer, bestEffort: watching) }
            socket.onClose.whenComplete { [self] _ in
                let wasOpen = state.withLockedValue { state -> Bool in
                    defer { state = .closed }
                    if case .open = state { return true }
                    return false
                }
                // Closed from here first: `close()` already set `.closed`.
                guard wasOpen else { return ended(.closedHere) }
                ended(socket.closeCode == .normalClosure ? .closedHere : .ownerLost)
            }
            let waiting = state.withLockedValue { state -> [String]? in
                guard case let .connecting(waiting) = state else { return nil }
                state = .open(socket)
                return waiting
            }
            guard let waiting else { return _ = socket.close() }
            for text in waiting { socket.send(text, promise: nil) }
        }
        connecting.whenFailure { [self, game] error in
            logger.warning("Relay to \(address) for game \(game) not opened: \(String(reflecting: error))")
            state.withLockedValue { $0 = .closed }
            ended(.unreachable)
        }
    }

    func close() {
        let socket = state.withLockedValue { state -> WebSocket? in
            defer { state = .closed }
            if case let .open(socket) = state { return socket }
            return nil
        }
        _ = socket?.close()
    }
}

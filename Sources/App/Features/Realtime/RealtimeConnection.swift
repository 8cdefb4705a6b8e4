import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import Vapor
import WebSocketKit

/// One browser tab's WebSocket, for one signed-in user.
///
/// Messages go straight onto the NIO channel as WebSocket frames (websocket-kit
/// reads them; writing here skips its per-send bookkeeping on the 60 Hz path).
/// Sends may come from any event loop. The channel turns unwritable once 8 KiB
/// wait in NIO behind a full socket buffer: a client that stopped reading is
/// then cut off instead of holding server memory.
final class RealtimeConnection: Sendable {
    /// How long a closing socket may take to answer our close frame before it is cut off.
    static let closeGrace = TimeAmount.seconds(2)

    let userID: UUID
    let username: String
    /// The login session this socket was opened with: it closes when that session ends.
    let sessionID: UUID
    /// The client's address, for the per-address socket limit.
    let address: String
    /// A visitor playing the computer without an account: they reach their own game and nothing else.
    let isVisitor: Bool
    /// Names this socket across the cluster (its row in `socket_tabs`).
    let tabID = UUID()
    let socket: WebSocket
    private let channel: any Channel
    private let closing = NIOLockedValueBox(false)

    init(
        userID: UUID, username: String, sessionID: UUID, address: String, isVisitor: Bool = false, socket: WebSocket,
        channel: any Channel
    ) {
        self.userID = userID
        self.username = username
        self.sessionID = sessionID
        self.address = address
        self.isVisitor = isVisitor
        self.socket = socket
        self.channel = channel
    }

    /// True once the server has started closing it: nothing it sends is acted on any more.
    var isClosing: Bool { closing.withLockedValue { $0 } }

    var eventLoop: any EventLoop { channel.eventLoop }

    func send(_ event: ServerEvent) {
        send(json: event.json())
    }

    /// An event already encoded (once, for many sockets) by `ConnectedUsers`.
    func send(json text: String) {
        guard admit() else { return }
        write(.text, channel.allocator.buffer(string: text))
    }

    /// A binary message of `size` bytes, written by `fill` straight into the frame's buffer.
    /// `bestEffort` (a spectator's snapshot): while the queue is full the frame is dropped, not the socket.
    func sendBinary(size: Int, bestEffort: Bool = false, _ fill: (inout ByteBuffer) -> Void) {
        if bestEffort, channel.isActive, !channel.isWritable { return }
        guard admit() else { return }
        var buffer = channel.allocator.buffer(capacity: size)
        fill(&buffer)
        write(.binary, buffer)
    }

    /// A binary message another instance made (a relayed game's snapshot), as it came.
    func sendBinary(_ buffer: ByteBuffer, bestEffort: Bool) {
        if bestEffort, channel.isActive, !channel.isWritable { return }
        guard admit() else { return }
        write(.binary, buffer)
    }

    /// Sends a close frame and cuts the connection if the client hasn't answered it shortly after.
    func close(_ code: WebSocketErrorCode = .normalClosure) {
        let first = closing.withLockedValue { wasClosing in
            defer { wasClosing = true }
            return !wasClosing
        }
        guard first else { return }
        _ = socket.close(code: code)
        let channel = self.channel
        channel.eventLoop.scheduleTask(in: Self.closeGrace) { channel.close(promise: nil) }
    }

    private func write(_ opcode: WebSocketOpcode, _ buffer: ByteBuffer) {
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: opcode, data: buffer), promise: nil)
    }

    /// False for a closed connection, and for one that has stopped reading (which is cut off).
    private func admit() -> Bool {
        guard channel.isActive else { return false }
        guard channel.isWritable else {
            // A close frame would queue behind everything else: drop the connection outright.
            channel.close(promise: nil)
            return false
        }
        return true
    }
}

extension WebSocketErrorCode {
    /// The login session behind the socket ended (logout, revocation, password change…): don't reconnect.
    static let sessionEnded = WebSocketErrorCode.unknown(4001)
    /// The server or this address has too many sockets open: try again later.
    static let tooManySockets = WebSocketErrorCode.unknown(4029)
    /// The same account opened too many tabs: this, the oldest, was closed.
    static let replacedByNewerTab = WebSocketErrorCode.unknown(4009)
}

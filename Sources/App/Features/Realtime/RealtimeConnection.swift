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
    let userID: UUID
    let username: String
    let socket: WebSocket
    private let channel: any Channel

    init(userID: UUID, username: String, socket: WebSocket, channel: any Channel) {
        self.userID = userID
        self.username = username
        self.socket = socket
        self.channel = channel
    }

    var eventLoop: any EventLoop { channel.eventLoop }

    func send<Payload: Encodable & Sendable>(_ type: String, _ payload: Payload) {
        send(text: ServerMessage(type, payload).json())
    }

    func send(error: RealtimeError) {
        send("error", error)
    }

    func send(text: String) {
        guard admit() else { return }
        write(.text, channel.allocator.buffer(string: text))
    }

    /// A binary message of `size` bytes, written by `fill` straight into the frame's buffer.
    func sendBinary(size: Int, _ fill: (inout ByteBuffer) -> Void) {
        guard admit() else { return }
        var buffer = channel.allocator.buffer(capacity: size)
        fill(&buffer)
        write(.binary, buffer)
    }

    func close(_ code: WebSocketErrorCode = .normalClosure) {
        _ = socket.close(code: code)
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

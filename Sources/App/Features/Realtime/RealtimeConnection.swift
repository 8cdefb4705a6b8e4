import NIOConcurrencyHelpers
import NIOCore
import Vapor
import NIOWebSocket
import WebSocketKit

/// One browser tab's WebSocket, for one signed-in user.
///
/// Sends may come from any event loop (a game ticks on its own). Each counts
/// as queued until NIO has written it to the socket; a client that stops
/// reading lets the queue grow, and past `maximumQueuedMessages` it is dropped
/// rather than allowed to hold server memory.
final class RealtimeConnection: Sendable {
    static let maximumQueuedMessages = 128

    let id = UUID()
    let userID: UUID
    let username: String
    let socket: WebSocket
    private let queued = NIOLockedValueBox(0)

    init(userID: UUID, username: String, socket: WebSocket) {
        self.userID = userID
        self.username = username
        self.socket = socket
    }

    var eventLoop: any EventLoop { socket.eventLoop }
    var isClosed: Bool { socket.isClosed }

    func send<Payload: Encodable & Sendable>(_ type: String, _ payload: Payload) {
        send(text: ServerMessage(type, payload).json())
    }

    func send(error: RealtimeError) {
        send("error", error)
    }

    func send(text: String) {
        guard admit() else { return }
        let promise = socket.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { [queued] _ in queued.withLockedValue { $0 -= 1 } }
        socket.send(text, promise: promise)
    }

    func send(binary: [UInt8]) {
        guard admit() else { return }
        let promise = socket.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { [queued] _ in queued.withLockedValue { $0 -= 1 } }
        socket.send(binary, promise: promise)
    }

    func close(_ code: WebSocketErrorCode = .normalClosure) {
        _ = socket.close(code: code)
    }

    /// Counts the message in, or drops a client that has stopped reading.
    private func admit() -> Bool {
        let accepted = queued.withLockedValue { count in
            guard count < Self.maximumQueuedMessages else { return false }
            count += 1
            return true
        }
        if !accepted, !socket.isClosed {
            // A close frame would queue behind everything else: cut the connection instead.
            _ = socket.close(code: .policyViolation)
        }
        return accepted
    }
}

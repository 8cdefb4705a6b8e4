import Foundation
import NIOCore
import NIOHTTP1
import WebSocketKit

/// SECURITY.md's fragment attack: stream up to 200 MB of never-finished
/// message fragments and report when the server cut the connection and how
/// much its memory grew.
enum FragmentFlood {
    static func run(port: Int, cookie: String, server: ServerProcess, on group: any EventLoopGroup) async throws -> String {
        let before = server.residentMiB()
        let headers: HTTPHeaders = ["Host": "127.0.0.1:\(port)", "Origin": "http://127.0.0.1:\(port)", "Cookie": cookie]
        let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
        var sent = 0
        var closed = false
        let socketBox = try await openSocket(port: port, headers: headers, on: group)
        while sent < 200 * 1024 * 1024 {
            if socketBox.isClosed {
                closed = true
                break
            }
            try? await socketBox.send(raw: chunk, opcode: sent == 0 ? .text : .continuation, fin: false)
            sent += chunk.count
        }
        try await Task.sleep(for: .milliseconds(500))
        closed = closed || socketBox.isClosed
        let growth = server.residentMiB() - before
        return String(
            format: "Fragment flood: %@ after %.1f MB of unfinished fragments; server memory grew %.1f MiB",
            closed ? "connection closed by the server" : "connection still open", Double(sent) / 1e6, growth)
    }

    private static func openSocket(port: Int, headers: HTTPHeaders, on group: any EventLoopGroup) async throws -> WebSocket {
        let promise = group.any().makePromise(of: WebSocket.self)
        do {
            try await WebSocket.connect(to: "ws://127.0.0.1:\(port)/api/ws", headers: headers, on: group) { socket in
                promise.succeed(socket)
            }.get()
        } catch {
            promise.fail(error)
        }
        return try await promise.futureResult.get()
    }
}

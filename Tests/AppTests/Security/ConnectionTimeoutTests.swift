import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import App

/// A connection that goes quiet (silent from the start, or after half a request) is closed
/// after the idle timeout instead of holding a file descriptor for ever; a live socket is not.
@Suite struct ConnectionTimeoutTests {
    private func openTCP(port: Int) async throws -> any Channel {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
    }

    private func waitForClose(_ channel: any Channel, within seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while channel.isActive, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return !channel.isActive
    }

    @Test func silentAndHalfSentRequests_areClosedAfterTheIdleTimeout() async throws {
        // Long enough that a busy machine (the whole suite runs in parallel) writes before it runs out.
        try await withTestApp(connectionIdleTimeout: .seconds(4)) { app in
            try await withRunningServer(app) { port in
                let halfHeaders = try await openTCP(port: port)
                try await halfHeaders.writeAndFlush(
                    halfHeaders.allocator.buffer(string: "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                ).get()
                let halfBody = try await openTCP(port: port)
                try await halfBody.writeAndFlush(
                    halfBody.allocator.buffer(
                        string:
                            "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"login\":"
                    )
                ).get()
                let silent = try await openTCP(port: port)
                #expect(try await waitForClose(silent, within: 60))
                #expect(try await waitForClose(halfHeaders, within: 60))
                #expect(try await waitForClose(halfBody, within: 60))
            }
        }
    }

    @Test func anOpenWebSocket_outlivesTheIdleTimeout() async throws {
        // Long enough for the upgrade itself on a busy machine; the socket then stays quiet past it.
        // Ten seconds: a loaded machine answers the upgrade well within it (the idle handler would cut
        // a connection whose upgrade is still unanswered); the socket then stays open past it.
        try await withTestApp(connectionIdleTimeout: .seconds(10)) { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                let socket = try await TestSocket.connect(port: port, cookie: alice.cookie)
                try await socket.next(ServerEvent.hello)
                // Quiet for longer than the idle timeout; the server's own pings come every 10 s,
                // so send the app-level ping now and then as the front end's heartbeat does.
                for _ in 0..<30 {
                    try socket.send("ping", ["at": 1])
                    try await Task.sleep(for: .milliseconds(500))
                }
                #expect(!socket.isClosed)
                await socket.close()
            }
        }
    }
}

import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import App

/// A client that completes the WebSocket upgrade, then never answers again:
/// a laptop whose lid closed. Its reads are discarded, so the server's pings go unanswered.
struct SilentSocket {
    let channel: any Channel

    static func open(port: Int, cookie: String) async throws -> SilentSocket {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        let request = [
            "GET /api/ws HTTP/1.1", "Host: 127.0.0.1:\(port)", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
            "Origin: http://127.0.0.1:\(port)", "Cookie: \(SessionService.cookieName)=\(cookie)", "", "",
        ].joined(separator: "\r\n")
        try await channel.writeAndFlush(channel.allocator.buffer(string: request)).get()
        return SilentSocket(channel: channel)
    }

    func close() async {
        try? await channel.close()
    }
}

@Suite struct HalfOpenClientTests {
    /// The server pings every 10 s and closes a socket that missed one pong: offline within ~20 s.
    @Test func aClientThatStopsAnswering_goesOfflineForItsFriendsWithin30Seconds() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.befriend(bob, named: "bob", me: "alice")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port)
                try await aliceTab.next("hello")
                let laptop = try await SilentSocket.open(port: port, cookie: try #require(bob.cookie))
                #expect(try await aliceTab.next("presence")["status"] as? String == "online")
                let lidClosed = Date()
                let offline = try await aliceTab.next("presence", count: 2, within: 40)
                #expect(offline["status"] as? String == "offline")
                #expect(Date().timeIntervalSince(lidClosed) <= 30)
                await laptop.close()
                await aliceTab.close()
            }
        }
    }
}

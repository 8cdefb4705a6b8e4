import Foundation
import NIOWebSocket
import Testing

@testable import App

/// Sockets are file descriptors: one account, one address and the server each get a bounded number.
@Suite struct SocketLimitTests {
    @Test func anEleventhTabOfOneAccount_closesItsOldest() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                var tabs: [TestSocket] = []
                for _ in 0..<app.connectedUsers.limits.socketsPerUser {
                    let tab = try await TestSocket.connect(port: port, cookie: alice.cookie)
                    try await tab.next(ServerEvent.hello)
                    tabs.append(tab)
                }
                let newest = try await TestSocket.connect(port: port, cookie: alice.cookie)
                try await newest.next(ServerEvent.hello)
                let oldest = tabs[0]
                try await oldest.waitUntil("the oldest tab to close", within: 60) { oldest.isClosed }
                #expect(tabs[0].socket.closeCode == .unknown(4009))
                #expect(tabs.dropFirst().allSatisfy { !$0.isClosed })
                let limit = app.connectedUsers.limits.socketsPerUser
                try await newest.waitUntil("the server to count it gone", within: 60) { app.connectedUsers.socketCount == limit }
                for tab in tabs + [newest] { await tab.close() }
            }
        }
    }

    @Test func socketsPerAddress_areCapped_withAClearRefusal() async throws {
        var limits = ConnectedUsers.Limits()
        limits.socketsPerAddress = 3
        try await withTestApp(socketLimits: limits) { app in
            var tabs: [TestSocket] = []
            try await withRunningServer(app) { port in
                for index in 0..<3 {
                    let browser = try await Browser.signedUp(app, "player\(index)")
                    let tab = try await TestSocket.connect(port: port, cookie: browser.cookie)
                    try await tab.next(ServerEvent.hello)
                    tabs.append(tab)
                }
                let fourth = try await Browser.signedUp(app, "player3")
                await #expect(throws: (any Error).self) { _ = try await TestSocket.connect(port: port, cookie: fourth.cookie) }
                #expect(app.connectedUsers.socketCount == 3)
                // One closes: there is room again.
                await tabs[0].close()
                try await tabs[1].waitUntil("the count to drop", within: 60) { app.connectedUsers.socketCount == 2 }
                let again = try await TestSocket.connect(port: port, cookie: fourth.cookie)
                try await again.next(ServerEvent.hello)
                for tab in tabs + [again] { await tab.close() }
            }
        }
    }

    @Test func theUpgradeRefusal_isA429WithRetryAfter() async throws {
        var limits = ConnectedUsers.Limits()
        limits.socketsPerAddress = 0
        try await withTestApp(socketLimits: limits) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let response = try await alice.send(
                .GET, "/api/ws",
                headers: [
                    ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                    ("Sec-WebSocket-Version", "13")
                ])
            #expect(response.status == .tooManyRequests)
            #expect(response.errorCode == "too_many_sockets")
            #expect(response.headers.first(name: "Retry-After") != nil)
        }
    }
}

import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import App

@Suite struct HalfOpenClientTests {
    /// The server pings every interval (10 s by default, 2 s here) and closes a socket that
    /// missed one pong: offline within two intervals, three allowing for a busy machine.
    @Test func aClientThatStopsAnswering_goesOfflineForItsFriendsWithinTwoPingIntervals() async throws {
        try await withTestApp(socketPingInterval: .seconds(2)) { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.befriend(bob, named: "bob", me: "alice")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port)
                try await aliceTab.next(ServerEvent.hello)
                // A laptop whose lid closed: the upgrade completes, then nothing it receives is ever answered.
                let laptop = try await RawWebSocket.open(port: port, cookie: try #require(bob.cookie))
                #expect(try await aliceTab.next(ServerEvent.presence).status == .online)
                let lidClosed = Date()
                let offline = try await aliceTab.next(ServerEvent.presence, count: 2, within: 60)
                #expect(offline.status == .offline)
                #expect(Date().timeIntervalSince(lidClosed) <= 6)
                await laptop.close()
                await aliceTab.close()
            }
        }
    }
}

import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import App

@Suite struct HalfOpenClientTests {
    /// The server pings every 10 s and closes a socket that missed one pong: offline within ~20 s.
    @Test func aClientThatStopsAnswering_goesOfflineForItsFriendsWithin30Seconds() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.befriend(bob, named: "bob", me: "alice")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port)
                try await aliceTab.next("hello")
                // A laptop whose lid closed: the upgrade completes, then nothing it receives is ever answered.
                let laptop = try await RawWebSocket.open(port: port, cookie: try #require(bob.cookie))
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

import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import App

/// Instances on one PostgreSQL: a socket event reaches its player whichever instance holds their
/// socket (LISTEN/NOTIFY), large events included, and an ended session closes sockets everywhere.
@Suite(.enabled(if: testsRunOnPostgres, "the bus crosses instances over PostgreSQL"))
struct ClusterBusTests {
    @Test func aChatMessageSentOnOneInstance_reachesTheTabOnAnother() async throws {
        try await withTestCluster(2) { instances in
            let (one, two) = (instances[0], instances[1])
            let alice = try await Browser.signedUp(one.app, "alice")
            let bob = try await Browser.signedUp(one.app, "bob")
            try await alice.befriend(bob, named: "bob", me: "alice")
            let bobOnTwo = try await TestSocket.connect(port: two.port, cookie: bob.cookie)
            try await bobOnTwo.next(ServerEvent.hello)
            let conversation = try await alice.directConversation(with: "bob")
            #expect(try await alice.say("across the cluster", in: conversation).status == .created)
            #expect(try await bobOnTwo.next(ServerEvent.message).text == "across the cluster")
            await bobOnTwo.close()
        }
    }

    @Test func anEventLargerThanANotifyPayload_travelsByReference() async throws {
        try await withTestCluster(2) { instances in
            let bob = try await Browser.signedUp(instances[0].app, "bob")
            let bobID = try #require(try await User.query(on: instances[0].app.db).filter(\.$username == "bob").first()?.requireID())
            let tab = try await TestSocket.connect(port: instances[1].port, cookie: bob.cookie)
            try await tab.next(ServerEvent.hello)
            // Over NOTIFY's limit, under the test client's 16 KB frame.
            let long = String(repeating: "long name ", count: 900)
            instances[0].app.connectedUsers.send(to: [bobID], .typing(TypingEvent(conversation: UUID(), user: long)))
            #expect(try await tab.next(ServerEvent.typing).user == long)
            let stored = try await instances[0].app.db.sql.raw("SELECT count(*) AS n FROM bus_payloads").first()?.decode(
                column: "n", as: Int.self)
            #expect(stored == 1)
            await tab.close()
        }
    }

    @Test func loggingOutOnOneInstance_closesTheSessionsSocketOnAnother() async throws {
        try await withTestCluster(2) { instances in
            let alice = try await Browser.signedUp(instances[0].app, "alice")
            let tab = try await TestSocket.connect(port: instances[1].port, cookie: alice.cookie)
            try await tab.next(ServerEvent.hello)
            #expect(try await alice.send(.POST, "/api/auth/logout").status == .noContent)
            try await tab.waitUntil("the socket to close", within: 60) { tab.isClosed }
            #expect(tab.socket.closeCode == .unknown(4001))
        }
    }
}

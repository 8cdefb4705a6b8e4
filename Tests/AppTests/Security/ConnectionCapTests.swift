import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import App

/// Every connection holds an open file; past the cap an idle connection makes room for a new
/// one, and when every connection is busy (WebSockets, requests in flight) the newcomer is refused.
@Suite struct ConnectionCapTests {
    private final class Handle: Sendable {}

    @Test func theTable_admitsUpToTheCap_thenReplacesTheLongestIdle() {
        var table = ConnectionTable<Int, Handle>(cap: 3)
        let handles = (0..<5).map { _ in Handle() }
        for key in 0..<3 {
            guard case .admitted = table.admit(key, handle: handles[key], identity: ObjectIdentifier(handles[key]), now: UInt64(key))
            else {
                Issue.record("connection \(key) not admitted under the cap")
                return
            }
        }
        // Connection 0 was accepted first but has just started a request: 1 is now the longest idle.
        table.requestStarted(0, now: 10)
        guard case .admittedInPlaceOf(let replaced) = table.admit(3, handle: handles[3], identity: ObjectIdentifier(handles[3]), now: 11)
        else {
            Issue.record("the fourth connection did not take an idle one's place")
            return
        }
        #expect(replaced === handles[1])
        #expect(table.count == 3)
        // The replaced connection's late close does not remove a newer one from the same address.
        table.remove(1, identity: ObjectIdentifier(handles[1]))
        #expect(table.count == 3)
        table.remove(3, identity: ObjectIdentifier(handles[3]))
        #expect(table.count == 2)
    }

    @Test func theTable_neverReplacesAWebSocketOrARequestInFlight_andRefusesWhenAllAreBusy() {
        var table = ConnectionTable<Int, Handle>(cap: 2)
        let handles = (0..<4).map { _ in Handle() }
        _ = table.admit(0, handle: handles[0], identity: ObjectIdentifier(handles[0]), now: 0)
        _ = table.admit(1, handle: handles[1], identity: ObjectIdentifier(handles[1]), now: 1)
        table.markLongLived(0)
        table.requestStarted(1, now: 2)
        guard case .refused = table.admit(2, handle: handles[2], identity: ObjectIdentifier(handles[2]), now: 3)
        else {
            Issue.record("a connection was let in past a cap of busy ones")
            return
        }
        // The request finishes: its connection is idle again and can make room.
        table.requestFinished(1, now: 4)
        guard case .admittedInPlaceOf(let replaced) = table.admit(3, handle: handles[3], identity: ObjectIdentifier(handles[3]), now: 5)
        else {
            Issue.record("no room made once a connection was idle")
            return
        }
        #expect(replaced === handles[1])
    }

    @Test func theCap_leavesRoomForFilesBelowTheOpenFileLimit() {
        #expect(ConnectionGate.cap(forOpenFileLimit: 1024) == 896)
        #expect(ConnectionGate.cap(forOpenFileLimit: 256) == 192)
        #expect(ConnectionGate.cap(forOpenFileLimit: 1_048_576) == 917_504)
        #expect(ConnectionGate.cap(forOpenFileLimit: 40) == 8)
        #expect(ConnectionGate.cap(forOpenFileLimit: -1) == Int.max)
    }

    @Test func idleConnectionsPastTheCap_makeRoom_andHealthAnswersThroughout() async throws {
        try await withTestApp(connectionCap: 10) { app in
            try await withRunningServer(app) { port in
                var silent: [any Channel] = []
                for index in 0..<25 {
                    silent.append(try await openTCP(port: port))
                    if index % 5 == 4 { #expect(try await healthStatus(port: port) == "200", "after \(index + 1) idle connections") }
                }
                #expect(app.connectionGate.openConnections <= 10)
                // The oldest made room first.
                #expect(try await waitForClose(silent[0]))
                #expect(try await waitForClose(silent[10]))
                for channel in silent { try? await channel.close() }
            }
        }
    }

    @Test func webSocketsAreNeverClosedToMakeRoom_andANewcomerIsRefusedWhenAllAreBusy() async throws {
        try await withTestApp(connectionCap: 3) { app in
            let alice = try await Browser.signedUp(app, "alice")
            try await withRunningServer(app) { port in
                var tabs: [TestSocket] = []
                for _ in 0..<3 {
                    let tab = try await TestSocket.connect(port: port, cookie: alice.cookie)
                    try await tab.next(ServerEvent.hello)
                    tabs.append(tab)
                }
                let refused = try await openTCP(port: port)
                #expect(try await waitForClose(refused), "a fourth connection was let in past three WebSockets")
                #expect(tabs.allSatisfy { !$0.isClosed })
                // One tab closes; its place is free for the next comer.
                await tabs[0].close()
                var status: String?
                let deadline = Date().addingTimeInterval(30)
                while status != "200", Date() < deadline { status = try? await healthStatus(port: port) }
                #expect(status == "200")
                #expect(!tabs[1].isClosed && !tabs[2].isClosed)
                for tab in tabs { await tab.close() }
            }
        }
    }

    @Test func theInstallRoute_isNotFoundWithoutTheServersToken() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, "/internal/connection-gate/guess")
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
        }
    }

    private func openTCP(port: Int) async throws -> any Channel {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
    }

    private func waitForClose(_ channel: any Channel, within seconds: Double = 30) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while channel.isActive, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        return !channel.isActive
    }

    /// The status code of GET /api/health on a new connection, or nil if the server closed it unanswered.
    private func healthStatus(port: Int) async throws -> String? {
        let received = NIOLockedValueBox<[UInt8]>([])
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ByteCollector(received)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try? await channel.writeAndFlush(
            channel.allocator.buffer(
                string: "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        ).get()
        _ = try await waitForClose(channel, within: 60)
        let text = String(decoding: received.withLockedValue { $0 }, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return String(text.dropFirst(9).prefix(3))
    }
}

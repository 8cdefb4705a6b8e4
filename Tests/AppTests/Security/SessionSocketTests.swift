import Fluent
import Foundation
import NIOWebSocket
import Testing
import VaporTesting

@testable import App

/// A socket belongs to the login session it was opened with: every way that
/// session ends closes the socket at once, with 4001 "session ended".
@Suite struct SessionSocketTests {
    static let password = "a quiet paddle 42"

    /// Alice signed up in one browser, logged in again in a second; a socket open from the first.
    private func aliceWithSocket(_ app: Application, port: Int) async throws -> (first: Browser, second: Browser, socket: TestSocket) {
        let first = try await Browser.signedUp(app, "alice")
        let second = Browser(app)
        #expect(try await second.logIn("alice").status == .ok)
        let socket = try await TestSocket.connect(port: port, cookie: first.cookie)
        try await socket.next(ServerEvent.hello)
        return (first, second, socket)
    }

    private func expectClosedForSessionEnd(_ socket: TestSocket) async throws {
        try await socket.waitUntil("the socket to close", within: 60) { socket.isClosed }
        #expect(socket.socket.closeCode == .unknown(4001))
    }

    @Test func logout_closesTheSessionsSocket() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { port in
                let (first, second, socket) = try await aliceWithSocket(app, port: port)
                let otherTab = try await TestSocket.connect(port: port, cookie: second.cookie)
                try await otherTab.next(ServerEvent.hello)
                #expect(try await first.send(.POST, "/api/auth/logout").status == .noContent)
                try await expectClosedForSessionEnd(socket)
                // The other browser's session, and its socket, live on.
                try await Task.sleep(for: .milliseconds(200))
                #expect(!otherTab.isClosed)
                await otherTab.close()
            }
        }
    }

    @Test func revokingASession_closesItsSocket() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { port in
                let (_, second, socket) = try await aliceWithSocket(app, port: port)
                let sessions = try await second.send(.GET, "/api/auth/sessions").decode([SessionDTO].self)
                let other = try #require(sessions.first { !$0.current }?.id)
                #expect(try await second.send(.DELETE, "/api/auth/sessions/\(other)").status == .noContent)
                try await expectClosedForSessionEnd(socket)
            }
        }
    }

    @Test func signingOutEverywhereElse_closesTheOtherSockets() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { port in
                let (_, second, socket) = try await aliceWithSocket(app, port: port)
                #expect(try await second.send(.POST, "/api/auth/sessions/revoke-others").status == .noContent)
                try await expectClosedForSessionEnd(socket)
            }
        }
    }

    @Test func changingThePassword_closesTheOtherSessionsSockets() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { port in
                let (_, second, socket) = try await aliceWithSocket(app, port: port)
                let changed = try await second.send(
                    .PATCH, "/api/me",
                    json: [
                        "currentPassword": Self.password, "newPassword": "a brand new paddle 77"
                    ])
                #expect(changed.status == .ok, "\(changed.body.string)")
                try await expectClosedForSessionEnd(socket)
            }
        }
    }

    @Test func deletingTheAccount_closesEverySocket() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { port in
                let (first, second, socket) = try await aliceWithSocket(app, port: port)
                let otherTab = try await TestSocket.connect(port: port, cookie: second.cookie)
                try await otherTab.next(ServerEvent.hello)
                #expect(try await first.send(.DELETE, "/api/me", json: ["password": Self.password]).status == .noContent)
                try await expectClosedForSessionEnd(socket)
                try await expectClosedForSessionEnd(otherTab)
            }
        }
    }

    @Test func aPasswordReset_closesEverySocket() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await withRunningServer(app) { port in
                let (first, _, socket) = try await aliceWithSocket(app, port: port)
                #expect(
                    try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "alice@example.com"]).status
                        == .accepted)
                let email = try await mail.waitForEmail(to: "alice@example.com", subject: "Reset your")
                let token = try #require(RecordingMailTransport.token(in: email))
                let reset = try await Browser(app).send(
                    .POST, "/api/auth/password/reset", json: ["token": token, "password": "brand new paddle 7"])
                #expect(reset.status == .ok)
                try await expectClosedForSessionEnd(socket)
                #expect(try await first.send(.GET, "/api/me").status == .unauthorized)
            }
        }
    }

    @Test func aClosedSessionsSocket_canNoLongerActForTheUser() async throws {
        try await withTestApp { app in
            try await withRunningServer(app) { port in
                let (first, _, socket) = try await aliceWithSocket(app, port: port)
                #expect(try await first.send(.POST, "/api/auth/logout").status == .noContent)
                try await expectClosedForSessionEnd(socket)
                // A replayed cookie can't open a new one either.
                await #expect(throws: (any Error).self) { _ = try await TestSocket.connect(port: port, cookie: first.cookie) }
            }
        }
    }
}

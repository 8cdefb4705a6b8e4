import Fluent
import Testing
import VaporTesting

@testable import App

@Suite struct SessionsTests {
    @Test func sessions_listsMyBrowsersAndMarksTheCurrentOne() async throws {
        try await withTestApp { app in
            let laptop = Browser(app)
            try await laptop.signUp("Alice")
            let phone = Browser(app)
            phone.userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"
            try await phone.logIn("Alice")
            let response = try await laptop.send(.GET, "/api/auth/sessions")
            #expect(response.status == .ok)
            let sessions = try response.content.decode([SessionDTO].self)
            #expect(sessions.count == 2)
            #expect(sessions.filter(\.current).count == 1)
            #expect(sessions.contains { $0.userAgent.contains("iPhone") && !$0.current })
        }
    }

    @Test func sessions_revokingOneSignsThatBrowserOut() async throws {
        try await withTestApp { app in
            let laptop = Browser(app)
            try await laptop.signUp("Alice")
            let phone = Browser(app)
            try await phone.logIn("Alice")
            let sessions = try await laptop.send(.GET, "/api/auth/sessions").content.decode([SessionDTO].self)
            let other = try #require(sessions.first { !$0.current })
            #expect(try await laptop.send(.DELETE, "/api/auth/sessions/\(other.id)").status == .noContent)
            #expect(try await phone.send(.GET, "/api/me").status == .unauthorized)
            #expect(try await laptop.send(.GET, "/api/me").status == .ok)
        }
    }

    @Test func sessions_signOutEverywhereElseKeepsOnlyThisOne() async throws {
        try await withTestApp { app in
            let laptop = Browser(app)
            try await laptop.signUp("Alice")
            let phones = [Browser(app), Browser(app)]
            for phone in phones { try await phone.logIn("Alice") }
            #expect(try await laptop.send(.POST, "/api/auth/sessions/revoke-others").status == .noContent)
            for phone in phones {
                #expect(try await phone.send(.GET, "/api/me").status == .unauthorized)
            }
            #expect(try await laptop.send(.GET, "/api/me").status == .ok)
        }
    }

    @Test func sessions_anotherUsersSessionIsNotFound() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let bob = Browser(app)
            try await bob.signUp("Bob")
            let bobsSession = try #require(try await bob.send(.GET, "/api/auth/sessions").content.decode([SessionDTO].self).first)
            let attempt = try await alice.send(.DELETE, "/api/auth/sessions/\(bobsSession.id)")
            #expect(attempt.status == .notFound)
            #expect(attempt.errorCode == "session_not_found")
            #expect(try await bob.send(.GET, "/api/me").status == .ok)
            #expect(try await alice.send(.DELETE, "/api/auth/sessions/not-a-uuid").status == .notFound)
        }
    }

    @Test func sessions_needALogin() async throws {
        try await withTestApp { app in
            #expect(try await Browser(app).send(.GET, "/api/auth/sessions").status == .unauthorized)
            #expect(try await Browser(app).send(.GET, "/api/me").status == .unauthorized)
            let status = try await Browser(app).send(.GET, "/api/auth/status")
            #expect(status.status == .ok)
            #expect(try status.decode(AuthStatusDTO.self).authenticated == false)
        }
    }
}

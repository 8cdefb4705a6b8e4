import Fluent
import Testing
import VaporTesting

@testable import App

@Suite struct LoginTests {
    @Test func login_acceptsUsernameOrEmailInAnyCase() async throws {
        try await withTestApp { app in
            try await Browser(app).signUp("Alice", email: "alice@example.com")
            for login in ["Alice", "alice", "ALICE@example.com"] {
                let response = try await Browser(app).logIn(login)
                #expect(response.status == .ok)
                #expect(try response.decode(LoginResponse.self).status == "ok")
            }
        }
    }

    @Test func login_issuesANewTokenEveryTime() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            try await browser.signUp("Alice")
            let first = browser.cookie
            try await browser.logIn("Alice")
            #expect(browser.cookie != nil && browser.cookie != first)
            #expect(try await UserSession.query(on: app.db).count() == 2)
        }
    }

    @Test func login_answersTheSameForUnknownUserAndWrongPassword() async throws {
        try await withTestApp { app in
            try await Browser(app).signUp("Alice")
            let wrongPassword = try await Browser(app).logIn("Alice", password: "not the password")
            let unknownUser = try await Browser(app).logIn("nobody-here", password: "not the password")
            #expect(wrongPassword.status == .unauthorized)
            #expect(wrongPassword.status == unknownUser.status)
            #expect(wrongPassword.body.string == unknownUser.body.string)
            #expect(wrongPassword.errorCode == "invalid_credentials")
        }
    }

    @Test func login_throttlesAnAccountAfterTenFailures() async throws {
        try await withTestApp { app in
            try await Browser(app).signUp("Alice")
            for _ in 0..<10 {
                #expect(try await Browser(app).logIn("Alice", password: "wrong password").status == .unauthorized)
            }
            let blocked = try await Browser(app).logIn("Alice")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.errorCode == "rate_limited")
            let retryAfter = try #require(blocked.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 600)
        }
    }

    @Test func login_rejectsEmptyFields() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.POST, "/api/auth/login", json: ["login": "  ", "password": ""])
            #expect(response.status == .badRequest)
            #expect(Set(response.errorFields.keys) == ["login", "password"])
        }
    }

    @Test func logout_makesTheReplayedCookieUseless() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            try await browser.signUp("Alice")
            let stolen = browser.cookie
            let logout = try await browser.send(.POST, "/api/auth/logout")
            #expect(logout.status == .noContent)
            let replay = Browser(app)
            replay.cookie = stolen
            let response = try await replay.send(.GET, "/api/me")
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthenticated")
            #expect(try await UserSession.query(on: app.db).count() == 0)
        }
    }

    @Test func anonymousVisitors_neverCreateSessionRows() async throws {
        try await withTestApp { app in
            for index in 0..<10_000 {
                let path = ["/api/auth/status", "/api/health", "/", "/login"][index % 4]
                _ = try await app.testing().sendRequest(.GET, path)
            }
            #expect(try await UserSession.query(on: app.db).count() == 0)
        }
    }

    @Test func sessions_expireWhenIdleTooLong() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let browser = Browser(app)
            try await browser.signUp("Alice")
            clock.advance(by: app.config.sessionIdleTimeout - 60)
            #expect(try await browser.send(.GET, "/api/me").status == .ok)
            clock.advance(by: app.config.sessionIdleTimeout + 1)
            #expect(try await browser.send(.GET, "/api/me").status == .unauthorized)
            #expect(try await UserSession.query(on: app.db).count() == 0)
        }
    }

    @Test func sessions_expireAtTheAbsoluteLimit() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let browser = Browser(app)
            try await browser.signUp("Alice")
            // Used every day, so never idle, until the absolute limit passes.
            let days = Int(app.config.sessionAbsoluteTimeout / 86_400)
            for _ in 0..<days - 1 {
                clock.advance(by: 86_400)
                #expect(try await browser.send(.GET, "/api/me").status == .ok)
            }
            clock.advance(by: 86_400 + 1)
            #expect(try await browser.send(.GET, "/api/me").status == .unauthorized)
        }
    }
}

@Suite struct AddressThrottleTests {
    /// 200 failures from one address, spread over many accounts, then that address waits.
    @Test func login_throttlesAnAddressAfterTwoHundredFailures() async throws {
        try await withTestApp { app in
            for index in 0..<200 {
                let response = try await Browser(app).logIn("nobody\(index)", password: "wrong password")
                #expect(response.status == .unauthorized)
            }
            let blocked = try await Browser(app).logIn("someone-new", password: "wrong password")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: "Retry-After") != nil)
        }
    }
}

import Testing
import VaporTesting

@testable import App

@Suite struct CSRFTests {
    @Test func crossSiteFormPost_isForbidden() async throws {
        try await withTestApp { app in
            let victim = Browser(app)
            try await victim.signUp("Alice")
            // What a hostile page's auto-submitting form would send with the victim's cookie.
            let forged = try await victim.send(
                .POST, "/api/auth/logout", body: ByteBuffer(string: "x=1"),
                contentType: "application/x-www-form-urlencoded",
                headers: [("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(forged.errorCode == "csrf_failed")
            #expect(try await victim.send(.GET, "/api/me").status == .ok)
        }
    }

    @Test func stateChangingRequestWithoutTheHeader_isForbidden() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/login", json: ["login": "a", "password": "b"], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.errorCode == "csrf_failed")
        }
    }

    @Test func foreignOriginWithTheHeader_isForbidden() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/login", json: ["login": "a", "password": "b"],
                headers: [("Origin", "http://127.0.0.1:9999")])
            #expect(response.status == .forbidden)
        }
    }
}

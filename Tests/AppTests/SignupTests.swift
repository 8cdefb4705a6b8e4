import Fluent
import Testing
import VaporTesting

@testable import App

@Suite struct SignupTests {
    @Test func signup_createsAccountAndLogsIn() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            let response = try await browser.signUp("Alice_1")
            let cookie = try #require(response.headers.first(name: .setCookie))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain-HTTP development must not set Secure")
            let me = try await browser.send(.GET, "/api/me")
            #expect(me.status == .ok)
            #expect(try me.decode(MeDTO.self).username == "Alice_1")
            #expect(try me.json()["passwordHash"] == nil)
        }
    }

    @Test func signup_rejectsDuplicateUsernameDifferingOnlyInCase() async throws {
        try await withTestApp { app in
            try await Browser(app).signUp("Alice")
            let response = try await Browser(app).send(
                .POST, "/api/auth/signup",
                json: [
                    "username": "aLiCe", "email": "other@example.com", "password": "a quiet paddle 42"
                ])
            #expect(response.status == .conflict)
            #expect(response.errorCode == "username_taken")
            #expect(response.errorFields["username"] != nil)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: ["plainaddress", "a@b", "a b@example.com", "@example.com", "alice@", "alice@exa_mple.com", "alice@@example.com"])
    func signup_rejectsInvalidEmail(email: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/signup",
                json: [
                    "username": "Alice", "email": email, "password": "a quiet paddle 42"
                ])
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "validation_failed")
            #expect(response.errorFields["email"] != nil)
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: ["ab", "a_very_long_username_x", "bad name", "émile", "<script>"])
    func signup_rejectsInvalidUsername(username: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/signup",
                json: [
                    "username": username, "email": "x@example.com", "password": "a quiet paddle 42"
                ])
            #expect(response.status == .badRequest)
            #expect(response.errorFields["username"] != nil)
        }
    }

    @Test(arguments: [
        ("short7!", "at least 8"),
        ("password123", "too common"),
        ("12345678901", "only of digits"),
        ("Alice_1234", "too close"),
        (String(repeating: "x", count: 129) + "y", "at most 128")
    ])
    func signup_rejectsWeakPasswords(password: String, reason: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/signup",
                json: [
                    "username": "Alice_123", "email": "alice@example.com", "password": password
                ])
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "validation_failed")
            let message = try #require(response.errorFields["password"])
            #expect(message.contains(reason), "\(message)")
        }
    }

    @Test(arguments: ["correct horse battery staple", "🏓🏓 pong forever 🏓🏓", String(repeating: "zq", count: 64)])
    func signup_acceptsSpacesEmojiAndLongPasswords(password: String) async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            try await browser.signUp("Alice", password: password)
            let login = try await Browser(app).logIn("alice", password: password)
            #expect(login.status == .ok)
        }
    }

    @Test func signup_rejectsOversizedJSONWith413() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/signup",
                json: [
                    "username": "Alice", "email": "alice@example.com", "password": String(repeating: "p", count: 17 * 1024)
                ])
            #expect(response.status == .payloadTooLarge)
            #expect(response.errorCode == "payload_too_large")
        }
    }

    @Test func signup_rejectsWrongContentTypeWith415() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/signup", body: ByteBuffer(string: "username=Alice&email=a@example.com&password=x"),
                contentType: "application/x-www-form-urlencoded")
            #expect(response.status == .unsupportedMediaType)
            #expect(response.errorCode == "unsupported_media_type")
        }
    }

    @Test func signup_rejectsMalformedJSONAndNamesMissingFields() async throws {
        try await withTestApp { app in
            let broken = try await Browser(app).send(
                .POST, "/api/auth/signup", body: ByteBuffer(string: "{\"username\":"),
                contentType: "application/json")
            #expect(broken.status == .badRequest)
            #expect(broken.errorCode == "invalid_json")
            let missing = try await Browser(app).send(.POST, "/api/auth/signup", json: ["username": "Alice"])
            #expect(missing.status == .badRequest)
            #expect(missing.errorFields["email"] != nil)
            let wrongType = try await Browser(app).send(
                .POST, "/api/auth/signup", json: ["username": 7, "email": "a@b.co", "password": "x"])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.errorFields["username"] != nil)
        }
    }
}

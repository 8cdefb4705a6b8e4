import Fluent
import Testing
import VaporTesting

@testable import App

@Suite struct MeTests {
    @Test func updateUsername_needsNoPasswordButMustStayUnique() async throws {
        try await withTestApp { app in
            try await Browser(app).signUp("Bob")
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let renamed = try await alice.send(.PATCH, "/api/me", json: ["username": "Alicia"])
            #expect(renamed.status == .ok)
            #expect(try renamed.decode(MeDTO.self).username == "Alicia")
            let clash = try await alice.send(.PATCH, "/api/me", json: ["username": "BOB"])
            #expect(clash.status == .conflict)
            #expect(clash.errorCode == "username_taken")
            let invalid = try await alice.send(.PATCH, "/api/me", json: ["username": "x"])
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorFields["username"] != nil)
        }
    }

    @Test func updateEmail_needsTheCurrentPassword() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let missing = try await alice.send(.PATCH, "/api/me", json: ["email": "new@example.com"])
            #expect(missing.status == .badRequest)
            #expect(missing.errorFields["currentPassword"] != nil)
            let wrong = try await alice.send(.PATCH, "/api/me", json: ["email": "new@example.com", "currentPassword": "nope nope"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "wrong_password")
            let invalid = try await alice.send(.PATCH, "/api/me", json: ["email": "not-an-email", "currentPassword": "a quiet paddle 42"])
            #expect(invalid.errorFields["email"] != nil)
            let ok = try await alice.send(.PATCH, "/api/me", json: ["email": "new@example.com", "currentPassword": "a quiet paddle 42"])
            #expect(ok.status == .ok)
            #expect(try ok.decode(MeDTO.self).pendingEmail == "new@example.com")
            #expect(try ok.decode(MeDTO.self).email == "alice@example.com", "the old address counts until the new one is confirmed")
        }
    }

    @Test func changePassword_endsEveryOtherSession() async throws {
        try await withTestApp { app in
            let laptop = Browser(app)
            try await laptop.signUp("Alice")
            let phone = Browser(app)
            try await phone.logIn("Alice")
            let weak = try await laptop.send(.PATCH, "/api/me", json: ["newPassword": "password1", "currentPassword": "a quiet paddle 42"])
            #expect(weak.status == .badRequest)
            #expect(weak.errorFields["newPassword"] != nil)
            let changed = try await laptop.send(
                .PATCH, "/api/me",
                json: [
                    "newPassword": "a louder paddle 43", "currentPassword": "a quiet paddle 42"
                ])
            #expect(changed.status == .ok)
            #expect(try await phone.send(.GET, "/api/me").status == .unauthorized)
            #expect(try await laptop.send(.GET, "/api/me").status == .ok)
            #expect(try await Browser(app).logIn("Alice").status == .unauthorized)
            #expect(try await Browser(app).logIn("Alice", password: "a louder paddle 43").status == .ok)
        }
    }

    @Test func deleteAccount_needsThePasswordAndRemovesEverything() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let wrong = try await alice.send(.DELETE, "/api/me", json: ["password": "wrong password"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "wrong_password")
            #expect(try await User.query(on: app.db).count() == 1)
            let deleted = try await alice.send(.DELETE, "/api/me", json: ["password": "a quiet paddle 42"])
            #expect(deleted.status == .noContent)
            #expect(try await User.query(on: app.db).count() == 0)
            #expect(try await UserSession.query(on: app.db).count() == 0)
            #expect(try await Browser(app).logIn("Alice").status == .unauthorized)
            #expect(try await Browser(app).send(.GET, "/api/users/Alice").status == .notFound)
        }
    }

    @Test func publicProfile_showsNoPrivateFields() async throws {
        try await withTestApp { app in
            try await Browser(app).signUp("Alice")
            let response = try await Browser(app).send(.GET, "/api/users/alice")
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["username"] as? String == "Alice")
            #expect(body["email"] == nil)
            #expect(body["id"] == nil)
            #expect((body["avatarURL"] as? String)?.hasPrefix("/api/avatars/") == true)
            let unknown = try await Browser(app).send(.GET, "/api/users/ghost")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "user_not_found")
        }
    }
}

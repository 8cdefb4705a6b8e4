import Testing
import VaporTesting

@testable import App

@Suite struct SecurityNoticeTests {
    @Test func changingThePassword_emailsTheOwner() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            try await alice.send(.PATCH, "/api/me", json: ["newPassword": "a louder paddle 43", "currentPassword": "a quiet paddle 42"])
            let notice = try await mail.waitForEmail(to: "alice@example.com", subject: "password was changed")
            #expect(notice.body.contains("Alice"))
        }
    }

    @Test func changingTheEmail_confirmsTheNewAddressThenWarnsTheOldOne() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let pending = try await alice.send(
                .PATCH, "/api/me", json: ["email": "new@example.com", "currentPassword": "a quiet paddle 42"])
            #expect(try pending.decode(MeDTO.self).email == "alice@example.com")
            #expect(try pending.decode(MeDTO.self).pendingEmail == "new@example.com")
            let confirmation = try await mail.waitForEmail(to: "new@example.com", subject: "Confirm your email")
            let token = try #require(RecordingMailTransport.token(in: confirmation))
            let confirmed = try await Browser(app).send(.POST, "/api/auth/email/confirm", json: ["token": token])
            #expect(confirmed.status == .ok)
            #expect(try confirmed.decode(MeDTO.self).email == "new@example.com")
            let warning = try await mail.waitForEmail(to: "alice@example.com", subject: "email address was changed")
            #expect(warning.body.contains("new@example.com"))
        }
    }

    @Test func renaming_sendsNothing() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            await mail.clear()
            try await alice.send(.PATCH, "/api/me", json: ["username": "Alicia"])
            try await Task.sleep(for: .milliseconds(100))
            #expect(await mail.sent.isEmpty)
        }
    }

    @Test func consoleTransport_printsTheWholeMessage() {
        let text = ConsoleMailTransport.render(Email(to: "a@example.com", subject: "Hello", body: "Line one"), from: "T <t@x.io>")
        #expect(text.contains("From: T <t@x.io>"))
        #expect(text.contains("To: a@example.com"))
        #expect(text.contains("Subject: Hello"))
        #expect(text.contains("Line one"))
    }
}

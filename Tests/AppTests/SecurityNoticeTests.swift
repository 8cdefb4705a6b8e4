import Testing
import VaporTesting
@testable import App

@Suite struct SecurityNoticeTests {
    @Test func changingThePassword_emailsTheOwner() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            #expect(await mail.sent.isEmpty)
            try await alice.send(.PATCH, "/api/me", json: ["newPassword": "a louder paddle 43", "currentPassword": "a quiet paddle 42"])
            let sent = await mail.sent
            #expect(sent.count == 1)
            #expect(sent.first?.to == "alice@example.com")
            #expect(sent.first?.subject.contains("password was changed") == true)
        }
    }

    @Test func changingTheEmail_warnsThePreviousAddress() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            try await alice.send(.PATCH, "/api/me", json: ["email": "new@example.com", "currentPassword": "a quiet paddle 42"])
            let sent = await mail.sent
            #expect(sent.map(\.to) == ["alice@example.com"])
            #expect(sent.first?.body.contains("new@example.com") == true)
        }
    }

    @Test func renaming_sendsNothing() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            try await alice.send(.PATCH, "/api/me", json: ["username": "Alicia"])
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

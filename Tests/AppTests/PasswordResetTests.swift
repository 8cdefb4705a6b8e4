import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct PasswordResetTests {
    private func requestReset(_ app: Application, mail: RecordingMailTransport) async throws -> String {
        let response = try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "ALICE@example.com"])
        #expect(response.status == .accepted)
        let email = try await mail.waitForEmail(to: "alice@example.com", subject: "Reset your")
        #expect(RecordingMailTransport.link(in: email)?.hasPrefix("http://127.0.0.1:8080/reset-password?token=") == true)
        return try #require(RecordingMailTransport.token(in: email))
    }

    @Test func forgot_answersTheSameForKnownAndUnknownEmails() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await Browser(app).signUp("Alice")
            let known = try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "alice@example.com"])
            let unknown = try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "ghost@example.com"])
            #expect(known.status == .accepted && unknown.status == .accepted)
            #expect(known.body.string == unknown.body.string)
            _ = try await mail.waitForEmail(to: "alice@example.com", subject: "Reset your")
            #expect(await mail.sent.filter { $0.to == "ghost@example.com" }.isEmpty)
            let invalid = try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "not an email"])
            #expect(invalid.errorFields["email"] != nil)
        }
    }

    @Test func reset_setsThePasswordEndsSessionsAndDoesNotLogIn() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let token = try await requestReset(app, mail: mail)
            let stranger = Browser(app)
            let weak = try await stranger.send(.POST, "/api/auth/password/reset", json: ["token": token, "password": "password1"])
            #expect(weak.errorFields["password"] != nil, "a weak password does not burn the link")
            let reset = try await stranger.send(.POST, "/api/auth/password/reset", json: ["token": token, "password": "brand new paddle 7"])
            #expect(reset.status == .ok)
            #expect(stranger.cookie == nil, "a reset never logs in")
            #expect(try await alice.send(.GET, "/api/me").status == .unauthorized)
            let login = try await Browser(app).submitPassword("Alice", password: "brand new paddle 7")
            #expect(
                try login.decode(SecondFactorRequiredDTO.self).status == "second_factor_required",
                "the reset does not skip the second factor")
        }
    }

    @Test func aLink_worksOnce() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await Browser(app).signUp("Alice")
            let token = try await requestReset(app, mail: mail)
            #expect(
                try await Browser(app).send(.POST, "/api/auth/password/reset", json: ["token": token, "password": "brand new paddle 7"])
                    .status == .ok)
            let reused = try await Browser(app).send(
                .POST, "/api/auth/password/reset", json: ["token": token, "password": "another paddle 88"])
            #expect(reused.errorCode == "invalid_token")
        }
    }

    @Test func aLinkUsedTwiceAtOnce_resetsOnce() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await Browser(app).signUp("Alice")
            let token = try await requestReset(app, mail: mail)
            let statuses = try await concurrently(6) { index in
                try await Browser(app).send(
                    .POST, "/api/auth/password/reset",
                    json: ["token": token, "password": "brand new paddle \(index)"]
                ).status.code
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 400 }.count == 5)
        }
    }

    @Test func anExpiredLink_isRefused() async throws {
        let mail = RecordingMailTransport()
        let clock = TestClock()
        try await withTestApp(mail: mail, clock: clock) { app in
            try await Browser(app).signUp("Alice")
            let token = try await requestReset(app, mail: mail)
            let row = try #require(try await EmailToken.query(on: app.db).filter(\.$purpose == "password_reset").first())
            clock.advance(by: row.expiresAt.timeIntervalSince(clock.now) + 1)
            let response = try await Browser(app).send(
                .POST, "/api/auth/password/reset", json: ["token": token, "password": "brand new paddle 7"])
            #expect(response.errorCode == "invalid_token")
        }
    }

    @Test func onlyTheNewestLink_works() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await Browser(app).signUp("Alice")
            let first = try await requestReset(app, mail: mail)
            await mail.clear()
            let second = try await requestReset(app, mail: mail)
            let old = try await Browser(app).send(
                .POST, "/api/auth/password/reset", json: ["token": first, "password": "brand new paddle 7"])
            #expect(old.errorCode == "invalid_token")
            #expect(
                try await Browser(app).send(.POST, "/api/auth/password/reset", json: ["token": second, "password": "brand new paddle 7"])
                    .status == .ok)
        }
    }

    @Test func forgot_isThrottledPerEmail() async throws {
        try await withTestApp { app in
            for _ in 0..<3 {
                #expect(
                    try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "ghost@example.com"]).status
                        == .accepted)
            }
            let blocked = try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "ghost@example.com"])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: "Retry-After") != nil)
        }
    }
}

@Suite struct EmailConfirmationTests {
    /// The sign-up code proves the inbox: the account starts confirmed, and no link is sent.
    @Test func signup_confirmsTheAddressWithItsCode() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            #expect(try await alice.signUp("Alice").decode(MeDTO.self).emailConfirmed)
            #expect(await mail.sent.filter { $0.subject.contains("Confirm your email") }.isEmpty)
            let again = try await alice.send(.POST, "/api/me/email/resend-confirmation")
            #expect(again.errorCode == "already_confirmed")
        }
    }

    /// Accounts from before sign-up codes may be unconfirmed: the emailed link confirms them.
    @Test func anUnconfirmedAddress_isConfirmedByTheEmailedLink() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            try await User.query(on: app.db).set(\.$emailConfirmedAt, to: nil).update()
            #expect(try await alice.send(.POST, "/api/me/email/resend-confirmation").status == .ok)
            let email = try await mail.waitForEmail(to: "alice@example.com", subject: "Confirm your email")
            let token = try #require(RecordingMailTransport.token(in: email))
            let confirmed = try await Browser(app).send(.POST, "/api/auth/email/confirm", json: ["token": token])
            #expect(try confirmed.decode(MeDTO.self).emailConfirmed)
            #expect(try await Browser(app).send(.POST, "/api/auth/email/confirm", json: ["token": token]).errorCode == "invalid_token")
        }
    }

    @Test func anUnconfirmedAccount_canStillLogIn() async throws {
        try await withTestApp { app in
            try await Browser(app).signUp("Alice")
            try await User.query(on: app.db).set(\.$emailConfirmedAt, to: nil).update()
            #expect(try await Browser(app).logIn("Alice").status == .ok)
        }
    }
}

import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct AuthenticatorTests {
    static let password = "a quiet paddle 42"

    /// Alice enrols an authenticator app; returns her browser, the base32 secret and her recovery codes.
    private func enrolled(_ app: Application) async throws -> (Browser, String, [String]) {
        let alice = Browser(app)
        try await alice.signUp("Alice")
        let setup = try await alice.send(.POST, "/api/me/2fa/totp/setup")
        #expect(setup.status == .ok)
        let body = try setup.decode(AuthenticatorSetupDTO.self)
        let secret = body.secret, uri = body.uri
        #expect(uri.hasPrefix("otpauth://totp/Transcendence"))
        #expect(uri.contains("Alice?secret=\(secret)&issuer=Transcendence"))
        #expect(body.qrSVG.hasPrefix("<svg"))
        let code = try PyOTP.code(secret: secret, at: app.clock.now)
        let confirm = try await alice.send(.POST, "/api/me/2fa/totp/confirm", json: ["code": code, "password": Self.password])
        #expect(confirm.status == .ok)
        let codes = try confirm.decode(RecoveryCodesDTO.self).recoveryCodes
        #expect(codes.count == 10 && Set(codes).count == 10)
        return (alice, secret, codes)
    }

    private func challenge(_ app: Application) async throws -> (Browser, String) {
        let browser = Browser(app)
        let response = try await browser.submitPassword("Alice")
        let pending = try response.decode(SecondFactorRequiredDTO.self)
        #expect(pending.method == .totp)
        return (browser, pending.challenge)
    }

    @Test(arguments: [(-1, true), (0, true), (1, true), (2, false), (-2, false)])
    func pyotpCodes_areAcceptedWithinOneStepOfDrift(steps: Int, accepted: Bool) async throws {
        // The server's clock is pinned a few seconds into a step, so a code is never checked in
        // the step after the one it was made for (a flake when both read the wall clock).
        let clock = TestClock.earlyInAnAuthenticatorStep()
        try await withTestApp(clock: clock) { app in
            let (_, secret, _) = try await enrolled(app)
            // Enrolment used the current step; drift is checked on a later login, one step further on.
            let row = try #require(try await TOTPCredential.query(on: app.db).first())
            row.lastUsedStep = nil
            try await row.save(on: app.db)
            let (browser, challenge) = try await challenge(app)
            // Enrolment used this step; the login comes a step later, checked against codes around it.
            clock.advance(by: 30)
            let code = try PyOTP.code(secret: secret, at: clock.now.addingTimeInterval(Double(steps * 30)))
            let response = try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": code])
            #expect((response.status == .ok) == accepted, "offset \(steps): \(response.body.string)")
        }
    }

    @Test func aCode_isAcceptedOnlyOnce() async throws {
        try await withTestApp(clock: .earlyInAnAuthenticatorStep()) { app in
            let (_, secret, _) = try await enrolled(app)
            let row = try #require(try await TOTPCredential.query(on: app.db).first())
            row.lastUsedStep = nil
            try await row.save(on: app.db)
            let code = try PyOTP.code(secret: secret, at: app.clock.now)
            let (first, firstChallenge) = try await challenge(app)
            #expect(try await first.send(.POST, "/api/auth/2fa", json: ["challenge": firstChallenge, "code": code]).status == .ok)
            let (second, secondChallenge) = try await challenge(app)
            let replay = try await second.send(.POST, "/api/auth/2fa", json: ["challenge": secondChallenge, "code": code])
            #expect(replay.status == .badRequest)
            #expect(replay.errorCode == "invalid_code")
        }
    }

    @Test func theSecret_isEncryptedAtRest() async throws {
        try await withTestApp { app in
            let (_, secret, _) = try await enrolled(app)
            let row = try #require(try await TOTPCredential.query(on: app.db).first())
            #expect(!row.encryptedSecret.contains(secret))
            #expect(Data(base64Encoded: row.encryptedSecret).map { !$0.isEmpty } == true)
        }
    }

    @Test func recoveryCodes_workOnceInPlaceOfACode() async throws {
        try await withTestApp { app in
            let (_, _, codes) = try await enrolled(app)
            let (browser, challenge) = try await challenge(app)
            #expect(
                try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": codes[3].uppercased()]).status == .ok)
            let (again, secondChallenge) = try await self.challenge(app)
            let reuse = try await again.send(.POST, "/api/auth/2fa", json: ["challenge": secondChallenge, "code": codes[3]])
            #expect(reuse.errorCode == "invalid_code")
            let status = try await browser.send(.GET, "/api/me/2fa")
            #expect(try status.decode(TwoFactorStatusDTO.self).recoveryCodesRemaining == 9)
        }
    }

    @Test func regeneratingCodes_needsThePasswordAndRetiresTheOldOnes() async throws {
        try await withTestApp { app in
            let (alice, _, old) = try await enrolled(app)
            let refused = try await alice.send(.POST, "/api/me/2fa/recovery-codes", json: ["password": "wrong one!"])
            #expect(refused.errorCode == "wrong_password")
            let fresh = try await alice.send(.POST, "/api/me/2fa/recovery-codes", json: ["password": Self.password])
            #expect(try fresh.decode(RecoveryCodesDTO.self).recoveryCodes.count == 10)
            let (browser, challenge) = try await challenge(app)
            #expect(
                try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": old[0]]).errorCode == "invalid_code")
        }
    }

    @Test func enrolment_needsTheRightCodeAndPassword() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            let secret = try await alice.send(.POST, "/api/me/2fa/totp/setup").decode(AuthenticatorSetupDTO.self).secret
            let code = try PyOTP.code(secret: secret, at: app.clock.now)
            let wrongPassword = try await alice.send(.POST, "/api/me/2fa/totp/confirm", json: ["code": code, "password": "nope nope"])
            #expect(wrongPassword.errorCode == "wrong_password")
            let wrongCode = try await alice.send(
                .POST, "/api/me/2fa/totp/confirm",
                json: ["code": code == "123456" ? "654321" : "123456", "password": Self.password])
            #expect(wrongCode.errorCode == "invalid_code")
            #expect(try await alice.send(.GET, "/api/me/2fa").decode(TwoFactorStatusDTO.self).method == .email)
        }
    }

    @Test func removingTheApp_needsThePasswordAndReturnsToEmailCodes() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let (alice, _, _) = try await enrolled(app)
            let refused = try await alice.send(.DELETE, "/api/me/2fa/totp", json: ["password": "bad password"])
            #expect(refused.errorCode == "wrong_password")
            let removed = try await alice.send(.DELETE, "/api/me/2fa/totp", json: ["password": Self.password])
            #expect(try removed.decode(TwoFactorStatusDTO.self).method == .email)
            #expect(try await Browser(app).logIn("Alice").status == .ok)
            let notices = await mail.sent.filter { $0.subject.contains("login security changed") }
            #expect(notices.count == 2, "enrolment and removal are both emailed")
        }
    }
}

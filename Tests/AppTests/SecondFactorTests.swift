import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct SecondFactorTests {
    /// Signs up Alice, signs her out, and submits her password: the challenge of a fresh login.
    private func passwordStep(_ app: Application) async throws -> (Browser, String) {
        let signup = Browser(app)
        try await signup.signUp("Alice")
        let browser = Browser(app)
        let response = try await browser.submitPassword("Alice")
        #expect(response.status == .ok)
        let body = try response.decode(SecondFactorRequiredDTO.self)
        #expect(body.status == "second_factor_required")
        #expect(body.method == .email)
        #expect(body.destination == "a•••e@example.com")
        #expect(browser.cookie == nil, "no session before the second factor")
        return (browser, body.challenge)
    }

    @Test func emailedCode_completesTheLogin() async throws {
        try await withTestApp { app in
            let (browser, challenge) = try await passwordStep(app)
            let code = try #require(await (try browser.mail).latestLoginCode())
            let done = try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": code])
            #expect(done.status == .ok)
            #expect(browser.cookie != nil)
            #expect(try await browser.send(.GET, "/api/me").status == .ok)
        }
    }

    @Test func aCode_worksOnlyOnce() async throws {
        try await withTestApp { app in
            let (browser, challenge) = try await passwordStep(app)
            let code = try #require(await (try browser.mail).latestLoginCode())
            #expect(try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": code]).status == .ok)
            let again = try await Browser(app).send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": code])
            #expect(again.status == .badRequest)
            #expect(again.errorCode == "challenge_expired")
        }
    }

    @Test func aCode_isBoundToItsChallenge() async throws {
        try await withTestApp { app in
            let (browser, first) = try await passwordStep(app)
            let firstCode = try #require(await (try browser.mail).latestLoginCode())
            let second = try await Browser(app).submitPassword("Alice").decode(SecondFactorRequiredDTO.self).challenge
            let response = try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": second, "code": firstCode])
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_code")
            #expect(first != second)
        }
    }

    @Test func anExpiredCode_isRefused() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let (browser, challenge) = try await passwordStep(app)
            let code = try #require(await (try browser.mail).latestLoginCode())
            clock.advance(by: LoginChallenge.lifetime + 1)
            let response = try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": code])
            #expect(response.errorCode == "challenge_expired")
        }
    }

    @Test func theSixthTry_isRefusedEvenWithTheRightCode() async throws {
        try await withTestApp { app in
            let (browser, challenge) = try await passwordStep(app)
            let code = try #require(await (try browser.mail).latestLoginCode())
            let wrong = code == "000000" ? "111111" : "000000"
            for attempt in 1...5 {
                let response = try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": wrong])
                #expect(response.status == .badRequest)
                #expect(response.errorCode == (attempt == 5 ? "challenge_locked" : "invalid_code"))
            }
            let sixth = try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": code])
            #expect(sixth.status == .badRequest)
            #expect(sixth.errorCode == "challenge_locked")
            #expect(browser.cookie == nil)
        }
    }

    @Test func resend_replacesTheCodeAndIsThrottled() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let (browser, challenge) = try await passwordStep(app)
            let first = try #require(await (try browser.mail).latestLoginCode())
            let tooSoon = try await browser.send(.POST, "/api/auth/2fa/resend", json: ["challenge": challenge])
            #expect(tooSoon.status == .tooManyRequests)
            #expect(tooSoon.headers.first(name: "Retry-After") != nil)
            clock.advance(by: LoginChallenge.resendInterval + 1)
            #expect(try await browser.send(.POST, "/api/auth/2fa/resend", json: ["challenge": challenge]).status == .ok)
            let second = try #require(await (try browser.mail).latestLoginCode())
            if first != second {
                let old = try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": first])
                #expect(old.errorCode == "invalid_code")
            }
            #expect(try await browser.send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": second]).status == .ok)
        }
    }

    @Test func aMailServerThatFails_isReportedNotHidden() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await Browser(app).signUp("Alice")
            await mail.setFailing(true)
            let response = try await Browser(app).submitPassword("Alice")
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "email_not_sent")
        }
    }

    @Test func badInput_getsClearErrors() async throws {
        try await withTestApp { app in
            let empty = try await Browser(app).send(.POST, "/api/auth/2fa", json: ["challenge": "x", "code": " "])
            #expect(empty.status == .badRequest)
            #expect(empty.errorFields["code"] != nil)
            let unknown = try await Browser(app).send(.POST, "/api/auth/2fa", json: ["challenge": "nope", "code": "123456"])
            #expect(unknown.errorCode == "challenge_expired")
            let missing = try await Browser(app).send(.POST, "/api/auth/2fa", json: ["code": "123456"])
            #expect(missing.errorCode == "invalid_json")
        }
    }
}

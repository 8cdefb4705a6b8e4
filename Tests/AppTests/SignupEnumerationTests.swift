import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// Sign-up says nothing about which addresses have accounts (OWASP): the same answer either way,
/// the account only once the emailed code comes back, and a notice to an address that already has one.
@Suite struct SignupEnumerationTests {
    static let password = "a quiet paddle 42"

    private func startSignup(_ app: Application, _ username: String, _ email: String) async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "/api/auth/signup", json: ["username": username, "email": email, "password": Self.password])
    }

    @Test func aTakenAddress_getsTheSameAnswerAsAFreeOne_andItsOwnerIsTold() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await Browser(app).signUp("Alice", email: "alice@example.com")
            let taken = try await startSignup(app, "Mallory", "ALICE@Example.com")
            let free = try await startSignup(app, "Bob", "bob@example.com")
            #expect(taken.status == .accepted && free.status == .accepted)
            // The same fields, the same kinds of values: only the address typed and the secrets differ.
            let takenBody = try taken.json(), freeBody = try free.json()
            #expect(Set(takenBody.keys) == Set(freeBody.keys))
            let takenPending = try taken.decode(SignupPendingDTO.self), freePending = try free.decode(SignupPendingDTO.self)
            #expect(takenPending.status == "check_inbox" && freePending.status == "check_inbox")
            #expect(taken.headers.setCookie == nil && free.headers.setCookie == nil)
            // Nothing was created for Mallory; Alice's owner hears of the attempt and gets no code.
            #expect(try await User.query(on: app.db).count() == 1)
            let notice = try await mail.waitForEmail(to: "alice@example.com", subject: "Someone tried to sign up")
            #expect(notice.body.contains("/login") && notice.body.contains("/forgot-password"))
            #expect(!notice.body.contains("Mallory"))
            #expect(await mail.sent.filter { $0.to.lowercased() == "alice@example.com" && $0.subject.contains("sign-up code") }.count == 1)
            // Guessing at the taken address's challenge is the same "wrong code" as anywhere else.
            let challenge = try #require(takenBody["challenge"] as? String)
            let guess = try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": "000000"])
            #expect(guess.status == .badRequest && guess.errorCode == "invalid_code")
            #expect(guess.errorFields["code"] != nil)
        }
    }

    @Test func theAccount_existsOnlyOnceTheCodeComesBack_confirmedAndSignedIn() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let browser = Browser(app)
            let pending = try await browser.send(
                .POST, "/api/auth/signup",
                json: [
                    "username": "Carol", "email": "carol@example.com", "password": Self.password
                ])
            #expect(pending.status == .accepted)
            #expect(try await User.query(on: app.db).count() == 0)
            #expect(try await browser.send(.GET, "/api/me").status == .unauthorized)
            let message = try await mail.waitForEmail(to: "carol@example.com", subject: "sign-up code")
            let code = String(message.subject.suffix(6))
            // The link carries the challenge and the code, for opening the mail in another browser.
            let link = try #require(RecordingMailTransport.link(in: message).flatMap(URLComponents.init(string:)))
            #expect(link.path == "/signup/confirm")
            #expect(link.queryItems?.first { $0.name == "code" }?.value == code)
            let challenge = try #require(link.queryItems?.first { $0.name == "challenge" }?.value)
            #expect(challenge == (try pending.decode(SignupPendingDTO.self).challenge))

            let done = try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
            #expect(done.status == .created)
            let carol = try done.decode(MeDTO.self)
            #expect(carol.username == "Carol" && carol.emailConfirmed)
            #expect(done.headers.setCookie?[SessionService.cookieName] != nil)
            // Single use.
            let again = try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
            #expect(again.errorCode == "challenge_expired")
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    /// A pending sign-up reserves nothing, so a username's availability never depends on the address.
    @Test func aPendingSignup_reservesNoUsername() async throws {
        try await withTestApp { app in
            #expect(try await startSignup(app, "Dana", "dana@example.com").status == .accepted)
            #expect(try await startSignup(app, "Dana", "dana.two@example.com").status == .accepted)
            let first = try await Browser(app).signUp("Dana", email: "dana.three@example.com")
            #expect(first.status == .created)
        }
    }

    @Test func manyGuessesAtOnce_spendExactlyFiveTries() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let pending = try await startSignup(app, "Erin", "erin@example.com")
            let challenge = try pending.decode(SignupPendingDTO.self).challenge
            let code = try #require(await mail.latestSignupCode(to: "erin@example.com"))
            let wrong = code == "123456" ? "654321" : "123456"
            let codes = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": wrong])
                            .errorCode
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == "invalid_code" }.count == 4, "\(codes)")
            #expect(codes.filter { $0 == "challenge_locked" }.count == 16)
            // Locked: even the right code no longer works.
            let right = try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
            #expect(right.errorCode == "challenge_locked")
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test func twoRightAnswersAtOnce_makeOneAccount() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let pending = try await startSignup(app, "Finn", "finn@example.com")
            let challenge = try pending.decode(SignupPendingDTO.self).challenge
            let code = try #require(await mail.latestSignupCode(to: "finn@example.com"))
            let answers = try await withThrowingTaskGroup(of: (UInt, String?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let answer = try await Browser(app).send(
                            .POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
                        return (answer.status.code, answer.headers.first(name: .retryAfter))
                    }
                }
                return try await group.reduce(into: [(UInt, String?)]()) { $0.append($1) }
            }
            let statuses = answers.map(\.0)
            #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
            // The others are told the sign-up is used up, or (a database too busy to answer in time)
            // to try again later: never a second account.
            #expect(answers.allSatisfy { $0.0 == 201 || $0.0 == 400 || ($0.0 == 503 && $0.1 != nil) }, "\(answers)")
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func aCodeExpires() async throws {
        let mail = RecordingMailTransport()
        let clock = TestClock()
        try await withTestApp(mail: mail, clock: clock) { app in
            let pending = try await startSignup(app, "Gus", "gus@example.com")
            let challenge = try pending.decode(SignupPendingDTO.self).challenge
            let code = try #require(await mail.latestSignupCode(to: "gus@example.com"))
            clock.advance(by: SignupChallenge.lifetime + 1)
            let late = try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
            #expect(late.errorCode == "challenge_expired")
        }
    }

    /// Two sign-ups of one new address: whoever confirms first has it; the other is told (they own the inbox).
    @Test func aNameTakenMeanwhile_isSaidAtConfirmation() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let pending = try await startSignup(app, "Hana", "hana@example.com")
            let challenge = try pending.decode(SignupPendingDTO.self).challenge
            let code = try #require(await mail.latestSignupCode(to: "hana@example.com"))
            try await Browser(app).signUp("hana", email: "other.hana@example.com")
            let late = try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
            #expect(late.status == .conflict && late.errorCode == "username_taken")
        }
    }

    /// However many sign-ups name one address, it receives five emails an hour, and the sixth
    /// attempt is refused the same way whether or not the address has an account.
    @Test func oneAddress_receivesAtMostFiveSignupEmailsAnHour_takenOrNot() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            try await Browser(app).signUp("Ivy", email: "ivy@example.com")
            for address in ["ivy@example.com", "nobody@example.com"] {
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for index in 0..<12 {
                        group.addTask { try await startSignup(app, "probe\(index)x", address).status.code }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                // Ivy's own sign-up was the first of her address's five.
                let allowed = address == "ivy@example.com" ? 4 : 5
                #expect(statuses.filter { $0 == 202 }.count == allowed, "\(address): \(statuses)")
                #expect(statuses.filter { $0 == 429 }.count == 12 - allowed)
            }
            #expect(await mail.sent.filter { $0.to == "nobody@example.com" }.count == 5)
            #expect(await mail.sent.filter { $0.to == "ivy@example.com" }.count == 5)
        }
    }

    @Test(arguments: [
        (#"{"challenge":"x"}"#, "code"),
        (#"{"code":"123456"}"#, "challenge"),
        (#"{"challenge":"x","code":""}"#, "code"),
        (#"{"challenge":7,"code":"123456"}"#, "challenge")
    ])
    func badConfirmations_nameTheField(body: String, field: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .POST, "/api/auth/signup/confirm", body: ByteBuffer(string: body), contentType: "application/json")
            #expect(response.status == .badRequest)
            #expect(response.errorFields[field] != nil, "\(response.body.string)")
        }
    }

    @Test func anUnknownChallenge_isExpired() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.POST, "/api/auth/signup/confirm", json: ["challenge": "nope", "code": "123456"])
            #expect(response.status == .badRequest && response.errorCode == "challenge_expired")
        }
    }
}

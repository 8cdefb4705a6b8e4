import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// Limits on guessing hold when the guesses arrive all at once: each attempt is
/// counted before the slow work, and each code is consumed in one statement.
@Suite struct LoginRaceTests {
    static let password = "a quiet paddle 42"

    /// Runs `count` requests at once, each from a fresh browser, and returns their responses' statuses and codes.
    private func race(
        _ app: Application, _ count: Int, _ body: @escaping @Sendable (Int) -> [String: Any],
        path: String
    ) async throws -> [(status: UInt, code: String?)] {
        try await withThrowingTaskGroup(of: (UInt, String?).self) { group in
            for index in 0..<count {
                let json = body(index)
                group.addTask {
                    let response = try await Browser(app).send(.POST, path, json: json)
                    return (response.status.code, response.errorCode)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func concurrentWrongPasswords_checkExactlyTheAccountLimit() async throws {
        try await withTestApp { app in
            _ = try await Browser.signedUp(app, "alice")
            let results = try await race(app, 40, { _ in ["login": "alice", "password": "not her password 1"] }, path: "/api/auth/login")
            #expect(results.filter { $0.status == 401 }.count == 10, "\(results.map(\.status))")
            #expect(results.filter { $0.status == 429 }.count == 30)
        }
    }

    @Test func concurrentLoginsFromOneAddress_checkExactlyTheAddressLimit() async throws {
        // A queue big enough for the whole burst, so only the address limit decides.
        try await withTestApp(hashingLimits: .init(threads: 2, maximumPending: 1_000)) { app in
            let results = try await race(
                app, 250,
                { index in
                    ["login": "nobody\(index)", "password": "not a password \(index)"]
                }, path: "/api/auth/login")
            #expect(
                results.filter { $0.status == 401 }.count == 200,
                "\(Dictionary(grouping: results.map(\.status), by: { $0 }).mapValues(\.count))")
            #expect(results.filter { $0.status == 429 }.count == 50)
        }
    }

    @Test func switchingFromUsernameToEmail_sharesOneAccountLimit() async throws {
        try await withTestApp { app in
            _ = try await Browser.signedUp(app, "alice")
            for attempt in 0..<10 {
                let login = attempt.isMultiple(of: 2) ? "alice" : "ALICE@example.com"
                #expect(try await Browser(app).submitPassword(login, password: "wrong password \(attempt)").status == .unauthorized)
            }
            let byEmail = try await Browser(app).submitPassword("alice@example.com", password: "another wrong one")
            #expect(byEmail.status == .tooManyRequests)
            #expect(byEmail.headers.first(name: "Retry-After") != nil)
            #expect(try await Browser(app).submitPassword("alice", password: "yet another wrong one").status == .tooManyRequests)
        }
    }

    /// Alice's password step from a fresh browser: the challenge token.
    private func challenge(_ app: Application) async throws -> String {
        let response = try await Browser(app).submitPassword("alice")
        return try response.decode(SecondFactorRequiredDTO.self).challenge
    }

    @Test func concurrentWrongCodes_spendExactlyFiveTries() async throws {
        try await withTestApp { app in
            _ = try await Browser.signedUp(app, "alice")
            let token = try await challenge(app)
            let results = try await race(
                app, 60,
                { index in
                    ["challenge": token, "code": String(format: "%06d", 100_000 + index)]
                }, path: "/api/auth/2fa")
            #expect(results.filter { $0.code == "invalid_code" }.count == 4, "\(results.map { $0.code ?? "" })")
            #expect(results.allSatisfy { ["invalid_code", "challenge_locked", "rate_limited"].contains($0.code) })
            let row = try #require(try await LoginChallenge.query(on: app.db).filter(\.$tokenHash == SessionToken.hash(token)).first())
            #expect(row.attempts == 5)
            #expect(row.consumedAt == nil)
        }
    }

    @Test func oneEmailedCodeSentSixTimesAtOnce_opensOneSession() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let before = try await UserSession.query(on: app.db).count()
            let token = try await challenge(app)
            let code = try #require(await (try alice.mail).latestLoginCode())
            let results = try await race(app, 6, { _ in ["challenge": token, "code": code] }, path: "/api/auth/2fa")
            #expect(results.filter { $0.status == 200 }.count == 1, "\(results)")
            // The others find the challenge consumed, or (the sixth, while five tries are still in
            // flight and none has consumed it yet) no try left: either way, no second session.
            #expect(
                results.filter { $0.status != 200 }.allSatisfy { ["challenge_expired", "challenge_locked"].contains($0.code) },
                "\(results)")
            #expect(try await UserSession.query(on: app.db).count() == before + 1)
        }
    }

    /// Alice with an authenticator app: her secret and recovery codes.
    private func enrolled(_ app: Application) async throws -> (String, [String]) {
        let alice = try await Browser.signedUp(app, "alice")
        let secret = try await alice.send(.POST, "/api/me/2fa/totp/setup").decode(AuthenticatorSetupDTO.self).secret
        let code = try PyOTP.code(secret: secret, at: app.clock.now)
        let confirm = try await alice.send(.POST, "/api/me/2fa/totp/confirm", json: ["code": code, "password": Self.password])
        let codes = try confirm.decode(RecoveryCodesDTO.self).recoveryCodes
        // The enrolment used this step's code; let the race below use it again on purpose.
        let row = try #require(try await TOTPCredential.query(on: app.db).first())
        row.lastUsedStep = nil
        try await row.save(on: app.db)
        return (secret, codes)
    }

    @Test func oneAuthenticatorCodeOnFourLoginsAtOnce_opensOneSession() async throws {
        try await withTestApp(clock: .earlyInAnAuthenticatorStep()) { app in
            let (secret, _) = try await enrolled(app)
            var tokens: [String] = []
            for _ in 0..<4 { tokens.append(try await challenge(app)) }
            let code = try PyOTP.code(secret: secret, at: app.clock.now)
            let chosen = tokens
            let results = try await race(app, 4, { ["challenge": chosen[$0], "code": code] }, path: "/api/auth/2fa")
            #expect(results.filter { $0.status == 200 }.count == 1, "\(results)")
            #expect(results.filter { $0.status != 200 }.allSatisfy { $0.code == "invalid_code" })
        }
    }

    @Test func oneRecoveryCodeOnTwoLoginsAtOnce_opensOneSession() async throws {
        try await withTestApp { app in
            let (_, codes) = try await enrolled(app)
            for round in 0..<3 {
                let tokens = [try await challenge(app), try await challenge(app)]
                let code = codes[round]
                let results = try await race(app, 2, { ["challenge": tokens[$0], "code": code] }, path: "/api/auth/2fa")
                #expect(results.map(\.status).sorted() == [200, 400], "round \(round): \(results)")
            }
            let used = try await RecoveryCode.query(on: app.db).filter(\.$usedAt != nil).count()
            #expect(used == 3)
        }
    }
}

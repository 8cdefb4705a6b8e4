import Fluent
import Vapor

/// The second step of every login: an emailed code or an authenticator code,
/// with recovery codes as the way out. SECURITY.md's rules: codes hashed,
/// single use, bound to their challenge, 10 minutes, 5 tries.
struct SecondFactorService: Sendable {
    let db: any Database
    let crypto: ServerCrypto
    let mailer: Mailer
    let limiter: RateLimiter
    let clock: AppClock
    let logger: Logger

    enum Throttle {
        static let codeFailuresPerAccount = RateLimiter.Rule(limit: 10, window: 600)
        static let codeFailuresPerAddress = RateLimiter.Rule(limit: 200, window: 600)
        static let sendsPerAddress = RateLimiter.Rule(limit: 30, window: 600)
    }

    var recoveryCodes: RecoveryCodes { RecoveryCodes(crypto: crypto, clock: clock) }

    /// Starts the second step after a correct password.
    func begin(for user: User, from caller: Caller) async throws -> SecondFactorRequiredDTO {
        let token = SessionToken.generate()
        let method = TwoFactorMethod(rawValue: user.twoFactorMethod) ?? .email
        let challenge = LoginChallenge(userID: try user.requireID(), tokenHash: SessionToken.hash(token), method: method, now: clock.now)
        try await challenge.create(on: db)
        if method == .email {
            try await sendCode(for: challenge, to: user, from: caller)
        }
        return SecondFactorRequiredDTO(
            challenge: token, method: method,
            destination: method == .email ? EmailMask.mask(user.email) : nil,
            expiresAt: challenge.expiresAt, resendAvailableAt: resendAvailableAt(challenge))
    }

    func resend(token: String, from caller: Caller) async throws -> SecondFactorRequiredDTO {
        let challenge = try await liveChallenge(token, on: db)
        guard challenge.method == TwoFactorMethod.email.rawValue else {
            throw AppError.resendNotAvailable
        }
        let now = clock.now
        if let last = challenge.lastSentAt, now.timeIntervalSince(last) < LoginChallenge.resendInterval {
            throw AppError.tooManyRequests(retryAfter: Int((LoginChallenge.resendInterval - now.timeIntervalSince(last)).rounded(.up)))
        }
        guard challenge.sends < LoginChallenge.maximumSends else {
            throw AppError.noMoreCodes
        }
        let user = try await challenge.$user.get(on: db)
        try await sendCode(for: challenge, to: user, from: caller)
        return SecondFactorRequiredDTO(
            challenge: token, method: .email, destination: EmailMask.mask(user.email),
            expiresAt: challenge.expiresAt, resendAvailableAt: resendAvailableAt(challenge))
    }

    private func resendAvailableAt(_ challenge: LoginChallenge) -> Date? {
        challenge.lastSentAt.map { $0.addingTimeInterval(LoginChallenge.resendInterval) }
    }

    /// Checks a code (or a recovery code) and returns the user on success.
    ///
    /// Every check-and-consume is one conditional `UPDATE … RETURNING`, so concurrent
    /// attempts can't share a try, a challenge, an authenticator step or a recovery code:
    /// a try is spent before the code is compared, and only the first right answer consumes.
    func verify(token: String, code rawCode: String, from caller: Caller) async throws -> User {
        let challenge = try await liveChallenge(token, on: db)
        let user = try await challenge.$user.get(on: db)
        let userID = try user.requireID()
        let reservation = try await limiter.reserve([
            ("code:account:\(userID)", Throttle.codeFailuresPerAccount),
            ("code:address:\(caller.address)", Throttle.codeFailuresPerAddress)
        ])
        guard let attempts = try await AtomicUpdate.spendTry(of: challenge, at: clock.now, on: db) else {
            try? await limiter.release(reservation)
            throw try await challengeClosed(challenge, on: db)
        }

        let code = rawCode.filter { !$0.isWhitespace }
        let accepted: Bool
        if RecoveryCodes.looksLikeRecoveryCode(code) {
            accepted = try await recoveryCodes.consume(code, for: userID, on: db)
        } else if challenge.method == TwoFactorMethod.totp.rawValue {
            accepted = try await acceptTOTP(code, for: user, on: db)
        } else {
            accepted = challenge.codeHash.map { ServerCrypto.equal($0, codeHash(code, challenge: challenge)) } ?? false
        }
        guard accepted else {
            let left = LoginChallenge.maximumAttempts - attempts
            if left <= 0 {
                throw AppError.challengeLocked
            }
            throw AppError.wrongCode(triesLeft: left)
        }
        try? await limiter.release(reservation)
        // Two right answers at once (the same emailed code twice): only one consumes the challenge.
        guard try await AtomicUpdate.consume(challenge, at: clock.now, on: db) else {
            throw AppError.challengeExpired
        }
        return user
    }

    /// Checks an authenticator code against the confirmed secret; each time step works once, even under races.
    func acceptTOTP(_ code: String, for user: User, on db: any Database) async throws -> Bool {
        guard code.count == 6, code.allSatisfy(\.isNumber),
            let credential = try await TOTPCredential.query(on: db)
                .filter(\.$user.$id == user.requireID()).filter(\.$confirmedAt != nil).first()
        else { return false }
        let secret = try Array(crypto.open(credential.encryptedSecret, purpose: "totp-secret"))
        guard let step = TOTPVerifier.matchingStep(code: code, secret: secret, at: clock.now, lastUsedStep: credential.lastUsedStep) else {
            return false
        }
        return try await AtomicUpdate.useStep(step, of: credential, on: db)
    }

    /// Why a challenge took no more tries: used up, or consumed or expired meanwhile.
    private func challengeClosed(_ challenge: LoginChallenge, on db: any Database) async throws -> AppError {
        let fresh = try await LoginChallenge.find(challenge.id, on: db)
        if let fresh, fresh.consumedAt == nil, fresh.expiresAt > clock.now { return .challengeLocked }
        return .challengeExpired
    }

    private func liveChallenge(_ token: String, on db: any Database) async throws -> LoginChallenge {
        guard let challenge = try await LoginChallenge.query(on: db).filter(\.$tokenHash == SessionToken.hash(token)).first(),
            challenge.consumedAt == nil, challenge.expiresAt > clock.now
        else {
            throw AppError.challengeExpired
        }
        guard challenge.attempts < LoginChallenge.maximumAttempts else {
            throw AppError.challengeLocked
        }
        return challenge
    }

    private func codeHash(_ code: String, challenge: LoginChallenge) -> String {
        crypto.keyedHash("\(challenge.id?.uuidString ?? ""):\(code)", purpose: "login-code")
    }

    /// A new code replaces the previous one; a send that fails is reported, never passed off as sent.
    private func sendCode(for challenge: LoginChallenge, to user: User, from caller: Caller) async throws {
        let addressKey = "send:address:\(caller.address)"
        try await limiter.ensureAllowed([(addressKey, Throttle.sendsPerAddress)])
        try await limiter.record(addressKey, rule: Throttle.sendsPerAddress)
        let code = ServerCrypto.randomDigits(6)
        challenge.codeHash = codeHash(code, challenge: challenge)
        challenge.sends += 1
        challenge.lastSentAt = clock.now
        try await challenge.update(on: db)
        do {
            try await mailer.send(SecurityEmails.loginCode(code, for: user), logger: logger)
        } catch {
            throw AppError.emailNotSent
        }
    }
}

extension Application {
    func secondFactor(on db: any Database) -> SecondFactorService {
        SecondFactorService(db: db, crypto: serverCrypto, mailer: mailer, limiter: rateLimiter, clock: clock, logger: logger)
    }
}

extension Request {
    var secondFactor: SecondFactorService { application.secondFactor(on: db) }
}

import Fluent
import Vapor

/// Signing up in two steps, as OWASP recommends against account enumeration: the form always
/// answers "check your inbox", whether or not the address already has an account. A new address
/// gets a code (and a link carrying it); an address with an account gets a notice saying someone
/// tried to sign up with it. Both paths hash the password, store a challenge and send one email,
/// so neither the answer nor its timing tells them apart. Only the code creates the account, with
/// its address already confirmed.
struct SignupService: Sendable {
    let accounts: AccountServices
    let crypto: ServerCrypto
    let mailer: Mailer
    let limiter: RateLimiter
    let clock: AppClock
    let baseURL: String

    enum Throttle {
        /// Sign-up emails one address may receive, code or notice alike: nobody's inbox is a target,
        /// and the limit answers the same whether or not the address has an account.
        static let emailsPerAddress = RateLimiter.Rule(limit: 5, window: 3_600)
        /// Wrong codes from one network address, across challenges.
        static let codeFailuresPerAddress = RateLimiter.Rule(limit: 100, window: 600)
    }

    /// The form's second half: a valid username that is free, a valid address, an accepted password.
    func begin(username: String, email: String, password: String, on req: Request) async throws -> SignupPendingDTO {
        let emailKey = email.lowercased()
        _ = try await limiter.reserve([("signup:email:\(emailKey)", Throttle.emailsPerAddress)])
        let passwordHash = try await accounts.hasher.hash(password)
        let token = SessionToken.generate(), code = ServerCrypto.randomDigits(6), id = UUID()
        let challenge = SignupChallenge(
            id: id, tokenHash: SessionToken.hash(token), username: username, email: email,
            passwordHash: passwordHash, codeHash: codeHash(code, challenge: id), now: clock.now)
        let existing = try await User.query(on: req.db).filter(\.$emailKey == emailKey).first()
        try await req.db.transaction { tx in
            // Earlier sign-ups of this address that ran out are of no use to anyone.
            try await SignupChallenge.query(on: tx).filter(\.$emailKey == emailKey).filter(\.$expiresAt <= clock.now).delete()
            try await challenge.create(on: tx)
        }
        let message =
            existing.map { SecurityEmails.signupWithExistingAddress(for: $0, baseURL: baseURL) }
            ?? SecurityEmails.signupCode(code, link: link(token: token, code: code), username: username, to: email)
        do {
            try await mailer.send(message, logger: req.logger)
        } catch {
            throw AppError.emailNotSent
        }
        return SignupPendingDTO(challenge: token, email: email, expiresAt: challenge.expiresAt)
    }

    /// The emailed code: the account is created, confirmed, and its first session starts.
    /// Tries are spent before the code is compared, in one conditional update, so concurrent guesses
    /// share nothing; only the first right answer consumes the challenge.
    func confirm(token: String, code rawCode: String, on req: Request) async throws -> User {
        guard let challenge = try await SignupChallenge.query(on: req.db).filter(\.$tokenHash == SessionToken.hash(token)).first(),
            challenge.consumedAt == nil, challenge.expiresAt > clock.now
        else { throw AppError.signupExpired }
        guard challenge.attempts < SignupChallenge.maximumAttempts else { throw AppError.signupLocked }
        let id = try challenge.requireID()
        let reservation = try await limiter.reserve([("signup-code:address:\(req.clientAddress)", Throttle.codeFailuresPerAddress)])
        guard
            let attempts = try await AtomicUpdate.spendTry(
                in: SignupChallenge.schema, id: id, maximumAttempts: SignupChallenge.maximumAttempts,
                at: clock.now, on: req.db)
        else {
            await limiter.release(reservation)
            throw try await SignupChallenge.find(id, on: req.db).map { $0.consumedAt == nil && $0.expiresAt > clock.now } == true
                ? AppError.signupLocked : AppError.signupExpired
        }
        let code = rawCode.filter { !$0.isWhitespace }
        guard ServerCrypto.equal(challenge.codeHash, codeHash(code, challenge: id)) else {
            let left = SignupChallenge.maximumAttempts - attempts
            if left <= 0 { throw AppError.signupLocked }
            throw AppError.wrongCode(triesLeft: left)
        }
        await limiter.release(reservation)
        guard try await SingleUse.mark(SignupChallenge.schema, id: id, column: "consumed_at", at: clock.now, on: req.db) else {
            throw AppError.signupExpired
        }
        // Only the owner of the inbox gets here, so saying the name or the address was taken meanwhile reveals nothing.
        try await UniqueAccountFields.ensureAvailable(username: challenge.username, email: challenge.email, excluding: nil, on: req.db)
        let user = User(username: challenge.username, email: challenge.email, passwordHash: challenge.passwordHash)
        user.emailConfirmedAt = clock.now
        try await UniqueAccountFields.save(user, username: challenge.username, email: challenge.email, on: req.db)
        return user
    }

    private func codeHash(_ code: String, challenge id: UUID) -> String {
        crypto.keyedHash("\(id.uuidString):\(code)", purpose: "signup-code")
    }

    /// Opens the confirmation screen with both halves filled in, in whichever browser reads the mail.
    private func link(token: String, code: String) -> String {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "challenge", value: token), URLQueryItem(name: "code", value: code)]
        return "\(baseURL)/signup/confirm?\(components.percentEncodedQuery ?? "")"
    }
}

/// The form's answer, the same for every address.
struct SignupPendingDTO: Content {
    var status = "check_inbox"
    let challenge: String
    /// The address as typed, for "we sent a message to …".
    let email: String
    let expiresAt: Date
}

struct SignupConfirmRequest: Decodable {
    let challenge: String
    let code: String
}

extension AppError {
    static let signupExpired = AppError(status: .badRequest, code: "challenge_expired", message: "This sign-up has expired. Sign up again.")
    static let signupLocked = AppError(
        status: .badRequest, code: "challenge_locked",
        message: "Too many wrong codes. Sign up again to get a new one.")
}

extension Request {
    var signups: SignupService {
        SignupService(
            accounts: application.accounts, crypto: application.serverCrypto, mailer: application.mailer,
            limiter: application.rateLimiter, clock: application.clock, baseURL: application.config.baseURL)
    }
}

import Fluent
import Vapor

/// Signing up in two steps, as OWASP recommends against account enumeration: the form always
/// answers "check your inbox", whether or not the address already has an account. A new address
/// gets a code (and a link carrying it); an address with an account gets a notice saying someone
/// tried to sign up with it. Both paths hash the password, store a challenge and send one email,
/// so neither the answer nor its timing tells them apart. Only the code creates the account, with
/// its address already confirmed.
struct SignupService: Sendable {
    let db: any Database
    let accounts: AccountParts
    let sessions: SessionService
    let logger: Logger
    /// SIGNUPS_PER_ADDRESS.
    let signupsPerAddress: Int
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

    /// The form: 202 "check your inbox" for every valid address, whether or not it has an account.
    /// Usernames are public, so a taken one is still said at once. Every attempt counts against the
    /// address, failed ones included.
    func begin(_ form: SignupRequest, from caller: Caller) async throws -> SignupPendingDTO {
        _ = try await limiter.reserve([
            ("signup:address:\(caller.address)", AccountParts.Throttle.signupsPerAddress(signupsPerAddress))
        ])
        let username = AccountRules.normalisedUsername(form.username)
        let email = AccountRules.normalisedEmail(form.email)
        var fields: [String: String] = [:]
        fields["username"] = AccountRules.usernameProblem(username)
        fields["email"] = AccountRules.emailProblem(email)
        fields["password"] = accounts.policy.problem(with: form.password, username: username, email: email)
        guard fields.isEmpty else { throw AppError.validation(fields) }
        try await UniqueAccountFields.ensureAvailable(username: username, email: nil, excluding: nil, on: db)
        return try await sendChallenge(username: username, email: email, password: form.password, language: caller.language)
    }

    /// A challenge stored and its email sent: a code to a new address, a notice to a known one.
    private func sendChallenge(username: String, email: String, password: String, language: String) async throws -> SignupPendingDTO {
        let emailKey = email.lowercased()
        _ = try await limiter.reserve([("signup:email:\(emailKey)", Throttle.emailsPerAddress)])
        let passwordHash = try await accounts.hasher.hash(password)
        let token = SessionToken.generate(), code = ServerCrypto.randomDigits(6), id = UUID()
        let challenge = SignupChallenge(
            id: id, tokenHash: SessionToken.hash(token), username: username, email: email,
            passwordHash: passwordHash, codeHash: codeHash(code, challenge: id), now: clock.now)
        let existing = try await User.query(on: db).filter(\.$emailKey == emailKey).first()
        try await db.transaction { tx in
            // Earlier sign-ups of this address that ran out are of no use to anyone.
            try await SignupChallenge.query(on: tx).filter(\.$emailKey == emailKey).filter(\.$expiresAt <= clock.now).delete()
            try await challenge.create(on: tx)
        }
        let message =
            existing.map { SecurityEmails.signupWithExistingAddress(for: $0, baseURL: baseURL) }
            ?? SecurityEmails.signupCode(code, link: link(token: token, code: code), username: username, to: email, language: language)
        do {
            try await mailer.send(message, logger: logger)
        } catch {
            throw AppError.emailNotSent
        }
        return SignupPendingDTO(challenge: token, email: email, expiresAt: challenge.expiresAt)
    }

    /// The emailed code: the account is created, confirmed, and its first session starts (the
    /// cookie to set comes back with it).
    func confirm(token: String, code: String, from caller: Caller) async throws -> (MeDTO, HTTPCookies.Value) {
        let user = try await createAccount(token: token, code: code, from: caller)
        return (try MeDTO(user), try await sessions.start(for: user, from: caller))
    }

    /// Tries are spent before the code is compared, in one conditional update, so concurrent guesses
    /// share nothing; only the first right answer consumes the challenge.
    private func createAccount(token: String, code rawCode: String, from caller: Caller) async throws -> User {
        guard let challenge = try await SignupChallenge.query(on: db).filter(\.$tokenHash == SessionToken.hash(token)).first(),
            challenge.consumedAt == nil, challenge.expiresAt > clock.now
        else { throw AppError.signupExpired }
        guard challenge.attempts < SignupChallenge.maximumAttempts else { throw AppError.signupLocked }
        let id = try challenge.requireID()
        let reservation = try await limiter.reserve([("signup-code:address:\(caller.address)", Throttle.codeFailuresPerAddress)])
        guard
            let attempts = try await AtomicUpdate.spendTry(
                in: SignupChallenge.schema, id: id, maximumAttempts: SignupChallenge.maximumAttempts,
                at: clock.now, on: db)
        else {
            try? await limiter.release(reservation)
            throw try await SignupChallenge.find(id, on: db).map { $0.consumedAt == nil && $0.expiresAt > clock.now } == true
                ? AppError.signupLocked : AppError.signupExpired
        }
        let code = rawCode.filter { !$0.isWhitespace }
        guard ServerCrypto.equal(challenge.codeHash, codeHash(code, challenge: id)) else {
            let left = SignupChallenge.maximumAttempts - attempts
            if left <= 0 { throw AppError.signupLocked }
            throw AppError.wrongCode(triesLeft: left)
        }
        try? await limiter.release(reservation)
        guard try await SingleUse.mark(SignupChallenge.schema, id: id, column: "consumed_at", at: clock.now, on: db) else {
            throw AppError.signupExpired
        }
        // Only the owner of the inbox gets here, so saying the name or the address was taken meanwhile reveals nothing.
        try await UniqueAccountFields.ensureAvailable(username: challenge.username, email: challenge.email, excluding: nil, on: db)
        let user = User(username: challenge.username, email: challenge.email, passwordHash: challenge.passwordHash)
        user.emailConfirmedAt = clock.now
        user.language = caller.language
        try await UniqueAccountFields.save(user, username: challenge.username, email: challenge.email, on: db)
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

extension Application {
    func signups(on db: any Database) -> SignupService {
        SignupService(
            db: db, accounts: accountParts, sessions: sessions(on: db), logger: logger, signupsPerAddress: config.signupsPerAddress,
            crypto: serverCrypto, mailer: mailer, limiter: rateLimiter, clock: clock, baseURL: config.baseURL)
    }
}

extension Request {
    var signups: SignupService { application.signups(on: db) }
}

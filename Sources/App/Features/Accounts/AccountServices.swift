import Vapor

/// The account feature's long-lived parts, built once in `configure`.
struct AccountServices: Sendable {
    let hasher: PepperedPasswordHasher
    let policy: PasswordPolicy
    let limiter: RateLimiter
    let avatars: AvatarStore
    let mailer: Mailer
    let crypto: ServerCrypto

    var secondFactor: SecondFactorService {
        SecondFactorService(crypto: crypto, mailer: mailer, limiter: limiter)
    }

    enum Throttle {
        /// SECURITY.md: at most 10 failed checks per account and 200 per address in 10 minutes.
        static let failuresPerAccount = RateLimiter.Rule(limit: 10, window: 600)
        static let failuresPerAddress = RateLimiter.Rule(limit: 200, window: 600)
        static let signupsPerAddress = RateLimiter.Rule(limit: 20, window: 600)
    }

    /// Throws 429 with `Retry-After` while either the account or the address is over its limit.
    func ensureNotThrottled(account: String, address: String) async throws {
        try await limiter.ensureAllowed([
            ("password:account:\(account)", Throttle.failuresPerAccount),
            ("password:address:\(address)", Throttle.failuresPerAddress),
        ])
    }

    func recordFailure(account: String, address: String) async {
        await limiter.record("password:account:\(account)", rule: Throttle.failuresPerAccount)
        await limiter.record("password:address:\(address)", rule: Throttle.failuresPerAddress)
    }

    func recordSuccess(account: String) async {
        await limiter.reset("password:account:\(account)")
    }

    /// Checks a signed-in user's password for a sensitive change, under the same throttle as login.
    func confirmPassword(_ password: String?, of user: User, field: String, on request: Request) async throws {
        guard let password, !password.isEmpty else {
            throw AppError.field(field, "Enter your current password to confirm.")
        }
        let account = user.usernameKey
        try await ensureNotThrottled(account: account, address: request.clientAddress)
        guard try await hasher.verify(password, against: user.passwordHash) else {
            await recordFailure(account: account, address: request.clientAddress)
            throw AppError(status: .badRequest, code: "wrong_password", message: "That password is not right.",
                           fields: [field: "That password is not right."])
        }
    }
}

extension Application {
    private struct AccountServicesKey: StorageKey {
        typealias Value = AccountServices
    }

    var accounts: AccountServices {
        get {
            guard let services = storage[AccountServicesKey.self] else { fatalError("configure(_:) sets AccountServices") }
            return services
        }
        set { storage[AccountServicesKey.self] = newValue }
    }
}

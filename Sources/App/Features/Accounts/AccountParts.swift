import Vapor

/// The account feature's long-lived parts, built once in `configure` (`app.accountParts`); the
/// services that use them are reached as `req.accounts`, `req.secondFactor`….
struct AccountParts: Sendable {
    let hasher: PepperedPasswordHasher
    let policy: PasswordPolicy
    let avatars: AvatarStore
    /// The shared rate limiter (`app.rateLimiter`), for the password-check throttle.
    let limiter: RateLimiter

    enum Throttle {
        /// SECURITY.md: at most 10 failed checks per account and 200 per address in 10 minutes.
        static let failuresPerAccount = RateLimiter.Rule(limit: 10, window: 600)
        static let failuresPerAddress = RateLimiter.Rule(limit: 200, window: 600)
        /// SIGNUPS_PER_ADDRESS accounts per address per 10 minutes (20 unless set).
        static func signupsPerAddress(_ limit: Int) -> RateLimiter.Rule { RateLimiter.Rule(limit: limit, window: 600) }
    }

    /// Counts a password check before it runs (429 with `Retry-After` when the account or the
    /// address is over its limit). The account key is the account itself, whichever of its
    /// username or email was typed; a name that matches no account is keyed by what was typed.
    func reservePasswordCheck(account: User?, typed login: String, address: String) async throws -> RateLimiter.Reservation {
        let accountKey = try account.map { "password:account:\(try $0.requireID())" } ?? "password:unknown:\(login)"
        return try await limiter.reserve([
            (accountKey, Throttle.failuresPerAccount),
            ("password:address:\(address)", Throttle.failuresPerAddress)
        ])
    }

    /// Runs a reserved check (a dummy one when no account matched, so it costs the same); a check
    /// that could not run at all (the server too busy) gives its reservation back.
    func verifyPassword(_ password: String, of user: User?, reservation: RateLimiter.Reservation) async throws -> Bool {
        do {
            guard let user else {
                try await hasher.verifyDummy(password)
                return false
            }
            return try await hasher.verify(password, against: user.passwordHash)
        } catch {
            try? await limiter.release(reservation)
            throw error
        }
    }

    /// A right password: the check doesn't count as a failure, and the account's failures are forgiven.
    func passwordAccepted(_ reservation: RateLimiter.Reservation, account: User) async throws {
        try? await limiter.release(reservation)
        try await limiter.reset("password:account:\(try account.requireID())")
    }

    /// Checks a signed-in user's password for a sensitive change, under the same throttle as login.
    func confirmPassword(_ password: String?, of user: User, field: String, from caller: Caller) async throws {
        guard let password, !password.isEmpty else {
            throw AppError.field(field, "Enter your current password to confirm.")
        }
        let reservation = try await reservePasswordCheck(account: user, typed: user.usernameKey, address: caller.address)
        guard try await verifyPassword(password, of: user, reservation: reservation) else {
            throw AppError.wrongPassword(field: field)
        }
        try await passwordAccepted(reservation, account: user)
    }
}

extension Application {
    private struct AccountPartsKey: StorageKey {
        typealias Value = AccountParts
    }

    var accountParts: AccountParts {
        get {
            guard let services = storage[AccountPartsKey.self] else { fatalError("configure(_:) sets AccountParts") }
            return services
        }
        set { storage[AccountPartsKey.self] = newValue }
    }
}

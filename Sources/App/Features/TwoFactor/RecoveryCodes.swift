import Fluent
import Foundation

/// Ten codes like `k7q2m-x9t4p` (50 random bits each), shown once, stored as keyed hashes.
struct RecoveryCodes: Sendable {
    let crypto: ServerCrypto
    let clock: AppClock

    static func normalise(_ code: String) -> String {
        code.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    static func looksLikeRecoveryCode(_ code: String) -> Bool {
        normalise(code).count == 10 && !code.allSatisfy(\.isNumber)
    }

    func hash(_ code: String) -> String {
        crypto.keyedHash(Self.normalise(code), purpose: "recovery-code")
    }

    /// Replaces every earlier code of the user.
    func regenerate(for userID: UUID, on db: any Database) async throws -> [String] {
        let codes = (0..<RecoveryCode.countPerUser).map { _ -> String in
            let text = Base32.encode(Array(ServerCrypto.randomBytes(7))).lowercased().prefix(10)
            return "\(text.prefix(5))-\(text.suffix(5))"
        }
        let now = clock.now
        try await db.transaction { db in
            try await RecoveryCode.query(on: db).filter(\.$user.$id == userID).delete()
            for code in codes {
                try await RecoveryCode(userID: userID, codeHash: hash(code), now: now).create(on: db)
            }
        }
        return codes
    }

    /// Marks the code used and answers true if it was a live code of this user (once, whatever the races).
    func consume(_ code: String, for userID: UUID, on db: any Database) async throws -> Bool {
        guard
            let row = try await RecoveryCode.query(on: db)
                .filter(\.$user.$id == userID).filter(\.$codeHash == hash(code)).filter(\.$usedAt == nil)
                .first()
        else { return false }
        // Two logins racing with one code: only the first marks it used.
        return try await AtomicUpdate.use(row, at: clock.now, on: db)
    }

    func remaining(for userID: UUID, on db: any Database) async throws -> Int {
        try await RecoveryCode.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).count()
    }
}

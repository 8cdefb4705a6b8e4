import Crypto
import Foundation
import Vapor

/// bcrypt after an HMAC-SHA256 pre-hash with the server key.
///
/// bcrypt alone reads at most 72 bytes and stops at a NUL byte, so two long
/// passwords sharing a prefix would both verify. The pre-hash turns any
/// password into 44 base64 characters first, and the server key means a
/// stolen database alone is not enough to start guessing.
struct PepperedPasswordHasher: Sendable {
    let keyBytes: Data
    let cost: Int
    let pool: PasswordHashingPool
    /// A real hash of a random password: checking it costs the same as a real
    /// user's check, so unknown accounts answer in the same time.
    private let dummyHash: String

    init(keyBytes: Data, cost: Int, pool: PasswordHashingPool) throws {
        self.keyBytes = keyBytes
        self.cost = cost
        self.pool = pool
        self.dummyHash = try Bcrypt.hash(UUID().uuidString, cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let prehashed = prehash(password)
        let cost = self.cost
        return try await pool.run { try Bcrypt.hash(prehashed, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        let prehashed = prehash(password)
        return try await pool.run { try Bcrypt.verify(prehashed, created: hash) }
    }

    /// Burns the time of one verification for a login that names no account.
    func verifyDummy(_ password: String) async throws {
        _ = try await verify(password, against: dummyHash)
    }

    private func prehash(_ password: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(password.utf8), using: SymmetricKey(data: keyBytes))
        return Data(mac).base64EncodedString()
    }
}

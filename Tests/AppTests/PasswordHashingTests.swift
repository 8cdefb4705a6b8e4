import Crypto
import Foundation
import NIOPosix
import Testing
import Vapor

@testable import App

@Suite struct PasswordHashingTests {
    /// One pool for the suite, alive for the process (a thread pool must be shut down before it goes away).
    private static let pool = PasswordHashingPool(limits: .init(threads: 1, maximumPending: 64))

    private func hasher(cost: Int = 4) throws -> PepperedPasswordHasher {
        try PepperedPasswordHasher(keyBytes: Data(repeating: 7, count: 32), cost: cost, pool: Self.pool)
    }

    @Test func passwordsSharingTheirFirst72Bytes_doNotVerifyForEachOther() async throws {
        let hasher = try hasher()
        let prefix = String(repeating: "p", count: 72)
        let hash = try await hasher.hash(prefix + "-one")
        #expect(try await hasher.verify(prefix + "-one", against: hash))
        #expect(try await hasher.verify(prefix + "-two", against: hash) == false)
    }

    @Test func aNulByte_doesNotCutThePassword() async throws {
        let hasher = try hasher()
        let hash = try await hasher.hash("secret\u{0}first-tail")
        #expect(try await hasher.verify("secret\u{0}other-tail", against: hash) == false)
    }

    @Test func productionCost_isAtLeastTwelve() throws {
        #expect(try AppConfig.fromEnvironment().bcryptCost >= 12)
        let hash = try Bcrypt.hash("x", cost: AppConfig.fromEnvironment().bcryptCost)
        #expect(hash.hasPrefix("$2b$12$"))
    }

    @Test func similarity_matchesDifflibRatios() {
        // Values from Python's difflib.SequenceMatcher(None, a, b).ratio().
        #expect(abs(SequenceSimilarity.ratio(Array("abcd"), Array("bcde")) - 0.75) < 0.0001)
        #expect(SequenceSimilarity.ratio(Array("alice"), Array("alice")) == 1)
        #expect(SequenceSimilarity.ratio(Array("xyz"), Array("abc")) == 0)
    }
}

import Crypto
import Foundation

/// Keyed hashing and encryption with keys derived from the server key, one
/// derived key per purpose so that no two features share a key.
struct ServerCrypto: Sendable {
    let serverKey: Data

    private func key(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: serverKey),
            info: Data("transcendence:\(purpose)".utf8), outputByteCount: 32)
    }

    /// Hex HMAC-SHA256: for short secrets (codes) that a plain hash would not protect from guessing.
    func keyedHash(_ value: String, purpose: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key(for: purpose)).map { String(format: "%02x", $0) }.joined()
    }

    /// AES-GCM, base64 of nonce + ciphertext + tag.
    func seal(_ plaintext: Data, purpose: String) throws -> String {
        try AES.GCM.seal(plaintext, using: key(for: purpose)).combined!.base64EncodedString()
    }

    func open(_ sealed: String, purpose: String) throws -> Data {
        guard let data = Data(base64Encoded: sealed) else { throw CryptoKitError.incorrectParameterSize }
        return try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key(for: purpose))
    }

    /// Constant-time comparison of two hex digests.
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func randomBytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func randomDigits(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }
}

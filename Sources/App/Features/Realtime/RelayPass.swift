import Foundation

/// Who a relayed game socket speaks for: the instance holding a player's tab vouches for the
/// player's identity to the instance that owns their game, signed with the server key every
/// instance of a cluster shares. It lives seconds: long enough to open the relay, useless after.
struct RelayPass: Codable, Sendable, Equatable {
    static let header = "X-Relay-Pass"
    static let lifetime: TimeInterval = 30
    private static let purpose = "game-relay"

    let user: UUID
    let username: String
    let session: UUID
    let address: String
    let visitor: Bool
    /// When the player's login session (or visitor pass) ends: the relayed socket ends then too.
    let sessionExpiresAt: Date
    let expiresAt: Date

    /// `<base64url JSON>.<signature>`.
    func token(crypto: ServerCrypto) -> String {
        let body = ((try? JSONEncoder().encode(self)) ?? Data()).base64URLEncodedString()
        return "\(body).\(crypto.keyedHash(body, purpose: Self.purpose))"
    }

    /// The pass a token holds, if this cluster signed it and it is still fresh.
    static func read(_ token: String, crypto: ServerCrypto, at now: Date) -> RelayPass? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, ServerCrypto.equal(crypto.keyedHash(String(parts[0]), purpose: purpose), String(parts[1])),
            let data = Data(base64URLEncoded: String(parts[0])),
            let pass = try? JSONDecoder().decode(RelayPass.self, from: data), pass.expiresAt > now
        else { return nil }
        return pass
    }
}

extension Data {
    fileprivate func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    fileprivate init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}

import Foundation
import Vapor

/// Who a visitor (no account) is while they play the computer: a random id in a cookie, signed with
/// the server key so it can't be forged into someone else's id. Nothing about the visitor is stored:
/// the pass is checked by its signature alone, on any instance that has the key.
struct VisitorPass: Sendable, Equatable {
    static let cookieName = "transcendence_visitor"
    /// Long enough for an evening of games, short enough that a pass is not an identity.
    static let lifetime: TimeInterval = 4 * 3600
    private static let purpose = "visitor-pass"

    let visitorID: UUID
    let expiresAt: Date

    /// A fresh pass for a new visitor.
    static func issue(at now: Date) -> VisitorPass {
        VisitorPass(visitorID: UUID(), expiresAt: now.addingTimeInterval(lifetime))
    }

    /// The cookie's value: `<id>.<expiry>.<signature>`.
    func token(crypto: ServerCrypto) -> String {
        let body = "\(visitorID.uuidString).\(Int(expiresAt.timeIntervalSince1970))"
        return "\(body).\(crypto.keyedHash(body, purpose: Self.purpose))"
    }

    /// The pass a cookie holds, if it is signed by this server and still valid.
    static func read(_ token: String, crypto: ServerCrypto, at now: Date) -> VisitorPass? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let id = UUID(uuidString: String(parts[0])), let seconds = Int(parts[1]) else { return nil }
        let body = "\(parts[0]).\(parts[1])"
        guard ServerCrypto.equal(crypto.keyedHash(body, purpose: purpose), String(parts[2])) else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard expiresAt > now else { return nil }
        return VisitorPass(visitorID: id, expiresAt: expiresAt)
    }

    func cookie(crypto: ServerCrypto, servesHTTPS: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token(crypto: crypto), expires: expiresAt, maxAge: nil, domain: nil, path: "/api",
            isSecure: servesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    /// The visitor's valid pass, if this request carries one.
    var visitorPass: VisitorPass? {
        guard let token = cookies[VisitorPass.cookieName]?.string, !token.isEmpty else { return nil }
        return VisitorPass.read(token, crypto: application.serverCrypto, at: clock.now)
    }
}

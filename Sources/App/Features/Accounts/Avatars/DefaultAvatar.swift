import Crypto
import Foundation

/// Every player has a picture from the start: their initials on a gradient
/// whose hue comes from their username, so it stays the same everywhere.
enum DefaultAvatar {
    static func svg(for username: String) -> String {
        let digest = Array(SHA256.hash(data: Data(username.lowercased().utf8)))
        let hue = (Int(digest[0]) << 8 | Int(digest[1])) % 360
        let secondHue = (hue + 45) % 360
        // Usernames are restricted to safe characters already; escaping keeps this true if that rule ever loosens.
        let initials = String(username.prefix(2)).uppercased().markupEscaped
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">\
            <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">\
            <stop offset="0" stop-color="hsl(\(hue), 72%, 56%)"/><stop offset="1" stop-color="hsl(\(secondHue), 70%, 34%)"/>\
            </linearGradient></defs>\
            <rect width="128" height="128" fill="url(#g)"/>\
            <text x="64" y="64" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" \
            font-size="54" font-weight="700" fill="#ffffff" letter-spacing="1">\(initials)</text></svg>
            """
    }
}

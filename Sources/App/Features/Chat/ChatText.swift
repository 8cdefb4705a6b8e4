import Foundation

/// What a chat message or room name may be. Text is stored and returned
/// exactly as typed (after trimming): markup is harmless because clients only
/// ever show it as text.
enum ChatText {
    static let messageLength = 1...2000
    static let roomNameLength = 1...40
    /// An account younger than this sends links that are shown as plain text.
    static let newAccountLinkAge: TimeInterval = 24 * 3600

    /// A client's key for one message: 8 to 64 letters, digits, dashes or underscores (a UUID fits).
    static func isValidClientKey(_ key: String) -> Bool {
        (8...64).contains(key.count) && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Nil when `text` (already trimmed) is a valid message.
    static func messageProblem(_ text: String) -> String? {
        if text.isEmpty { return "Write something first." }
        if text.count > messageLength.upperBound { return "Keep messages to \(messageLength.upperBound) characters." }
        if hasControlCharacters(text, allowingNewlines: true) { return "Messages can't contain control characters." }
        return nil
    }

    static func roomNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "Give the room a name." }
        if name.count > roomNameLength.upperBound { return "Use at most \(roomNameLength.upperBound) characters." }
        if hasControlCharacters(name, allowingNewlines: false) { return "Names can't contain control characters." }
        if hasInvisibleFormatting(name) {
            return "Names can't contain invisible or direction-changing characters."
        }
        return nil
    }

    /// Format characters (right-to-left overrides, zero-width spaces, tag characters) and line or
    /// paragraph separators: invisible in a name, yet able to reorder or disguise it. The
    /// zero-width joiner stays allowed, since emoji sequences are built with it.
    private static func hasInvisibleFormatting(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .format: scalar.value != 0x200D
            case .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
    }

    private static func hasControlCharacters(_ text: String, allowingNewlines: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingNewlines, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
            return scalar.properties.generalCategory == .control
        }
    }
}

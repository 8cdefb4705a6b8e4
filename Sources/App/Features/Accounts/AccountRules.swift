import Foundation

/// Field formats shared by signup and profile edits.
enum AccountRules {
    static let usernameLength = 3...20
    static let emailMaxLength = 254

    /// 3–20 ASCII letters, digits, `_` or `-`: safe in URLs and unambiguous on screen.
    static func usernameProblem(_ username: String) -> String? {
        guard usernameLength.contains(username.count) else {
            return "Use \(usernameLength.lowerBound) to \(usernameLength.upperBound) characters."
        }
        let allowed = username.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "-")
        }
        return allowed ? nil : "Use only letters, digits, _ and -."
    }

    /// A practical check, not the full RFC 5322 grammar: one `@`, a local part
    /// without spaces, a dotted domain of letters, digits and hyphens.
    static func emailProblem(_ email: String) -> String? {
        let invalid = "Enter a valid email address, like name@example.com."
        guard email.count <= emailMaxLength else { return "Use at most \(emailMaxLength) characters." }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return invalid }
        let local = parts[0], domain = parts[1]
        guard (1...64).contains(local.count),
            local.unicodeScalars.allSatisfy({
                $0.isASCII && $0.value > 32 && $0 != "\"" && $0 != "\\" && $0 != "(" && $0 != ")" && $0 != "," && $0 != ";" && $0 != "<"
                    && $0 != ">" && $0 != "[" && $0 != "]"
            }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return invalid }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let topLevel = labels.last, topLevel.count >= 2,
            topLevel.allSatisfy(\.isLetter)
        else { return invalid }
        for label in labels {
            guard (1...63).contains(label.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") })
            else { return invalid }
        }
        return nil
    }

    static func normalisedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func normalisedUsername(_ username: String) -> String {
        username.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation

/// The password rules of SECURITY.md: 8–128 characters of anything (spaces and
/// emoji included), not a common password, not all digits, not close to the
/// username or email. No forced character classes.
struct PasswordPolicy: Sendable {
    static let lengthRange = 8...128
    /// Django's ratio: at or above it, a password is "too similar".
    static let maximumSimilarity = 0.7

    let commonPasswords: Set<String>

    static func loadingBundledList() throws -> PasswordPolicy {
        guard
            let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "common-passwords", withExtension: "txt")
        else {
            throw PasswordPolicyError.listMissing
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let words = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return PasswordPolicy(commonPasswords: Set(words.filter { !$0.isEmpty }))
    }

    /// Why the password is refused, or nil when it is acceptable.
    func problem(with password: String, username: String, email: String) -> String? {
        let length = password.count
        if length < Self.lengthRange.lowerBound {
            return "Use at least \(Self.lengthRange.lowerBound) characters."
        }
        if length > Self.lengthRange.upperBound {
            return "Use at most \(Self.lengthRange.upperBound) characters."
        }
        if password.allSatisfy(\.isNumber) {
            return "A password made only of digits is too easy to guess."
        }
        let lowered = password.lowercased()
        if commonPasswords.contains(lowered.trimmingCharacters(in: .whitespaces)) {
            return "This password is too common; choose something less guessable."
        }
        let localPart = email.split(separator: "@").first.map(String.init) ?? ""
        for attribute in [username, email, localPart] where attribute.count >= 3 {
            if Self.isSimilar(lowered, attribute.lowercased()) {
                return "This password is too close to your username or email."
            }
        }
        return nil
    }

    private static func isSimilar(_ password: String, _ attribute: String) -> Bool {
        if password.contains(attribute) { return true }
        return SequenceSimilarity.ratio(Array(password), Array(attribute)) >= maximumSimilarity
    }
}

enum PasswordPolicyError: Error {
    case listMissing
}

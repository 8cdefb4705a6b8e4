import Foundation

/// Every sentence the server's code writes for a player: the string literals of `Sources/App` that
/// read like one (a capital, words, a space), outside log lines and the operator's own messages.
enum PlayerFacingMessages {
    /// Files and places whose words are for the operator, the database or other servers, or that
    /// the browser words itself from the data sent with them (system lines, look names).
    static let operatorOnly = [
        "Core/Cluster/", "Core/Connections/", "Core/Database", "Core/Mail/MailConfiguration", "Core/Mail/SMTP",
        "Core/ServerSecrets", "Core/StartupChecks", "Core/StartupError", "configure.swift", "Core/Caller.swift",
        "Commands/", "Migrations/", "Resources/", "Features/Realtime/GameRelays.swift", "Features/Chat/ChatService.swift",
        "Features/Chat/ChatConversations.swift", "Features/Games/Live/GameHub.swift", "Features/Games/Settings/GameSettingsDTO.swift",
        "Features/Play/Challenges/ChallengeService.swift", "Features/TwoFactor/AuthenticatorEnrolment.swift",
        "Features/Play/InvitationService.swift",
        "Features/Tournaments/TournamentService.swift:299", "Features/Tournaments/TournamentDirector+Draw.swift",
        "Features/Tournaments/TournamentResults.swift", "Features/Play/Rematch/RematchService.swift"
    ]
    static let logCalls = [
        "logger.", ".log(", "print(", "StartupError", "fatalError", "precondition", "assert", "Logger(", ".warning(", ".error(",
        ".info(", ".debug(", ".notice(", ".critical(", ".report("
    ]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Sources/App").standardizedFileURL

    /// Message → where it is written (`Features/…/File.swift:line`).
    static func scan() throws -> [String: String] {
        var found: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [:] }
        for case let file as URL in walker where file.pathExtension == "swift" {
            let path = String(file.standardizedFileURL.path.dropFirst(sources.path.count + 1))
            let text = try String(contentsOf: file, encoding: .utf8)
            for (literal, line) in literals(in: text) {
                let place = "\(path):\(line)"
                if operatorOnly.contains(where: { place.hasPrefix($0) }) { continue }
                let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
                if logCalls.contains(where: { lineText.contains($0) }) || literal.hasPrefix("SELECT") { continue }
                let words = literal.replacing(/\\\((?:[^()]|\([^()]*\))*\)/, with: "{}")
                guard words.first.map({ $0.isUppercase || $0 == "{" }) == true, words.contains(/[a-z]{2,} [a-z]/), words != "{}"
                else { continue }
                found[literal] = found[literal] ?? place
            }
        }
        return found
    }

    /// The string literals of a Swift file with their line, multi-line ones with their indentation
    /// taken off; comments and raw strings are skipped.
    static func literals(in source: String) -> [(String, Int)] {
        let text = Array(source)
        var results: [(String, Int)] = []
        var index = 0, line = 1
        func starts(_ token: String, at position: Int) -> Bool {
            let characters = Array(token)
            return position + characters.count <= text.count && Array(text[position..<position + characters.count]) == characters
        }
        while index < text.count {
            if text[index] == "\n" {
                line += 1
                index += 1
                continue
            }
            if starts("//", at: index) {
                while index < text.count && text[index] != "\n" { index += 1 }
                continue
            }
            if starts("#\"", at: index) {
                index += 2
                while index < text.count && !starts("\"#", at: index) {
                    if text[index] == "\n" { line += 1 }
                    index += 1
                }
                index += 2
                continue
            }
            if starts("\"\"\"", at: index) {
                let startLine = line
                var end = index + 3
                while end < text.count && !starts("\"\"\"", at: end) { end += 1 }
                let body = String(text[(index + 3)..<end])
                let closingIndent = body.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0
                let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast()
                results.append((lines.map { String($0.dropFirst(closingIndent)) }.joined(separator: "\n"), startLine))
                line += body.filter { $0 == "\n" }.count
                index = end + 3
                continue
            }
            if text[index] == "\"" {
                var end = index + 1
                while end < text.count && text[end] != "\"" && text[end] != "\n" {
                    if text[end] == "\\" && end + 1 < text.count && text[end + 1] == "(" {
                        end = interpolationEnd(text, from: end + 2)
                        continue
                    }
                    end += text[end] == "\\" ? 2 : 1
                }
                results.append((String(text[(index + 1)..<min(end, text.count)]), line))
                index = end + 1
                continue
            }
            index += 1
        }
        return results
    }

    /// The position after the `)` closing an interpolation, past nested parentheses and strings.
    private static func interpolationEnd(_ text: [Character], from start: Int) -> Int {
        var depth = 1, index = start
        while index < text.count && depth > 0 {
            switch text[index] {
            case "\"":
                index += 1
                while index < text.count && text[index] != "\"" { index += text[index] == "\\" ? 2 : 1 }
            case "(": depth += 1
            case ")": depth -= 1
            default: break
            }
            index += 1
        }
        return index
    }
}

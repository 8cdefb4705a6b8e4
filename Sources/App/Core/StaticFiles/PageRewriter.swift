import Foundation

/// Rewrites `index.html` for caching: every `href="/…"` and `src="/…"` naming a file of the tree
/// gets the versioned prefix, and the modules the entry module imports statically (all of them,
/// transitively) are announced with `<link rel="modulepreload">`, so the browser fetches them in
/// parallel rather than one import level at a time.
struct PageRewriter {
    let version: String
    /// URL paths of the tree's files.
    let files: Set<String>
    /// The text of every script, by URL path.
    let scripts: [String: String]

    func rewrite(_ html: String) -> String {
        var page = replacingMatches(of: #"(href|src)="(/[^"?#]*)""#, in: html) { groups in
            files.contains(groups[2]) && groups[2] != "/index.html" ? "\(groups[1])=\"\(versioned(groups[2]))\"" : nil
        }
        guard let entry = firstMatch(of: #"<script type="module" src="(/[^"]+)""#, in: html)?[1],
            let marker = page.range(of: "<script type=\"module\"")
        else { return page }
        let preloads = staticImports(from: entry).filter { $0 != entry }.sorted()
            .map { "<link rel=\"modulepreload\" href=\"\(versioned($0))\">\n  " }.joined()
        page.insert(contentsOf: preloads, at: marker.lowerBound)
        return page
    }

    func versioned(_ path: String) -> String {
        "/\(AssetCatalog.prefix)/\(version)\(path)"
    }

    /// Every module `entry` imports with `import … from "./x.js"` (or `export … from`), transitively;
    /// `import("…")` is left out: those load when a screen needs them.
    func staticImports(from entry: String) -> Set<String> {
        var seen: Set<String> = []
        var pending = [entry]
        while let path = pending.popLast() {
            guard seen.insert(path).inserted, let source = scripts[path] else { continue }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            for groups in allMatches(
                of: #"(?m)^\s*(?:import|export)\s[^;"]*?from\s*"(\.{1,2}/[^"]+)"|^\s*import\s*"(\.{1,2}/[^"]+)""#, in: source)
            {
                let specifier = groups[1].isEmpty ? groups[2] : groups[1]
                let resolved = folder.appendingPathComponent(specifier).standardizedFileURL.path
                if files.contains(resolved) { pending.append(resolved) }
            }
        }
        return seen
    }

    // MARK: Regular expressions over Strings

    private func allMatches(of pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { groups(of: $0, in: ns) }
    }

    private func groups(of match: NSTextCheckingResult, in text: NSString) -> [String] {
        (0..<match.numberOfRanges).map { index in
            let range = match.range(at: index)
            return range.location == NSNotFound ? "" : text.substring(with: range)
        }
    }

    private func firstMatch(of pattern: String, in text: String) -> [String]? {
        allMatches(of: pattern, in: text).first
    }

    /// Replaces each match the closure returns text for (nil keeps it).
    private func replacingMatches(of pattern: String, in text: String, _ replacement: ([String]) -> String?) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        let ns = text as NSString
        var result = ""
        var cursor = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let replaced = replacement(groups(of: match, in: ns)) else { continue }
            result += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor)) + replaced
            cursor = match.range.location + match.range.length
        }
        return result + ns.substring(from: cursor)
    }
}

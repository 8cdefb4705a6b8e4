/// An English message with named open parts, `"Use at most {upperBound} characters."`, matched
/// against a finished message to recover the parts, and used to fill a translation with them.
struct MessageTemplate: Sendable {
    private enum Piece: Sendable {
        case literal(String)
        case slot(String)
    }

    let key: String
    /// How much fixed text the template has: longer templates are tried first, so
    /// "{name} is already invited." wins over a bare "{message}".
    let literalLength: Int
    private let pieces: [Piece]

    /// Nil for a message without open parts (those are looked up whole).
    init?(_ key: String) {
        let pieces = Self.pieces(of: key)
        guard pieces.contains(where: { if case .slot = $0 { true } else { false } }) else { return nil }
        self.key = key
        self.pieces = pieces
        self.literalLength = pieces.reduce(0) { total, piece in
            if case .literal(let text) = piece { total + text.count } else { total }
        }
    }

    /// The open parts by name when `text` is this message, else nil.
    func match(_ text: String) -> [String: String]? {
        var values: [String: String] = [:]
        return Self.match(pieces[...], text[...], &values) ? values : nil
    }

    /// `translation` with each `{name}` replaced by `value(name)` (left as is when unknown).
    func fill(_ translation: String, value: (String) -> String?) -> String {
        Self.pieces(of: translation).map { piece in
            switch piece {
            case .literal(let text): text
            case .slot(let name): value(name) ?? "{\(name)}"
            }
        }.joined()
    }

    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring, _ values: inout [String: String]) -> Bool {
        guard let first = pieces.first else { return text.isEmpty }
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return false }
            return match(pieces.dropFirst(), text.dropFirst(literal.count), &values)
        case .slot(let name):
            // Shortest value first; an open part is never empty.
            var end = text.startIndex
            while end < text.endIndex {
                end = text.index(after: end)
                var attempt = values
                attempt[name] = String(text[..<end])
                if match(pieces.dropFirst(), text[end...], &attempt) {
                    values = attempt
                    return true
                }
            }
            return false
        }
    }

    private static func pieces(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"),
                rest[rest.index(after: open)..<close].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                rest.index(after: open) < close
            else {
                literal += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            literal += rest[..<open]
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(.slot(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }
}

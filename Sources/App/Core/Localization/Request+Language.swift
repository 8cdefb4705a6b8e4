import Vapor

extension Request {
    /// The language to answer in: the `lang` cookie (the player's choice on this device, set by
    /// the site's language picker), else the first supported language of `Accept-Language`,
    /// else English. A signed-in player's stored choice reaches the cookie when they sign in.
    var language: String {
        Self.language(cookie: cookies["lang"]?.string, acceptLanguage: headers.first(name: .acceptLanguage))
    }

    static func language(cookie: String?, acceptLanguage: String?, localizer: Localizer = .shared) -> String {
        if let cookie, localizer.supports(cookie) { return cookie }
        for range in Self.languageRanges(acceptLanguage ?? "") {
            let primary = String(range.split(separator: "-").first ?? "")
            if localizer.supports(range) { return range }
            if localizer.supports(primary) { return primary }
        }
        return Localizer.english
    }

    /// `fr-CH, fr;q=0.9, en;q=0.8` → ["fr-ch", "fr", "en"], by preference (q=0 left out).
    private static func languageRanges(_ header: String) -> [String] {
        let weighted = header.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first?.lowercased(), !range.isEmpty, range != "*" else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 ? (range, quality, index) : nil
        }
        return weighted.sorted { $0.1 == $1.1 ? $0.2 < $1.2 : $0.1 > $1.1 }.map(\.0)
    }
}

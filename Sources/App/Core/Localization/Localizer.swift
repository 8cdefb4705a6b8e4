import Foundation

/// The server's words in the player's language: API error messages, socket errors and emails.
///
/// Each language has one catalogue, `Resources/i18n/<code>.json`, mapping an English message to
/// its translation. A message with changing parts is written once as a template, its `\(…)` parts
/// named in braces: `"Too many attempts. Try again in {seconds} seconds."`. The code keeps writing
/// English; translation happens where the words leave the server (`APIErrorMiddleware`, the
/// socket, `Email`), so a new message is translated by adding it to the catalogues, which a test
/// checks. Adding a language is adding its file.
struct Localizer: Sendable {
    static let english = "en"
    /// The catalogues shipped with the server, read once.
    static let shared = Localizer(catalogues: bundledCatalogues())

    /// Language codes with a catalogue, English first.
    let languages: [String]
    private let catalogues: [String: [String: String]]
    private let templates: [MessageTemplate]

    init(catalogues: [String: [String: String]]) {
        self.catalogues = catalogues
        self.languages = [Self.english] + catalogues.keys.filter { $0 != Self.english }.sorted()
        self.templates = (catalogues[Self.english] ?? [:]).keys.compactMap(MessageTemplate.init)
            .sorted { $0.literalLength > $1.literalLength }
    }

    func supports(_ language: String) -> Bool { catalogues[language] != nil }

    /// Languages written right to left; the rest are left to right.
    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur"]

    static func direction(of language: String) -> String { rightToLeft.contains(language) ? "rtl" : "ltr" }

    /// `text`, an English message, in `language`; unchanged when the catalogue lacks it.
    func translate(_ text: String, to language: String) -> String {
        guard language != Self.english, let catalogue = catalogues[language] else { return text }
        return translate(text, with: catalogue, depth: 0)
    }

    private func translate(_ text: String, with catalogue: [String: String], depth: Int) -> String {
        if let exact = catalogue[text] { return exact }
        // The parts a template leaves open may be words of their own ("until 10:00", "3 hours").
        guard depth < 2 else { return text }
        for template in templates {
            guard let values = template.match(text), let translated = catalogue[template.key] else { continue }
            return template.fill(translated) { name in
                values[name].map { translate($0, with: catalogue, depth: depth + 1) }
            }
        }
        return text
    }

    static func bundledCatalogues() -> [String: [String: String]] {
        let directory =
            Bundle.module.url(forResource: "i18n", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "i18n", withExtension: nil)
        guard let directory,
            let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [:] }
        var catalogues: [String: [String: String]] = [:]
        for file in files where file.pathExtension == "json" {
            guard let data = try? Data(contentsOf: file),
                let catalogue = try? JSONDecoder().decode([String: String].self, from: data)
            else { continue }
            catalogues[file.deletingPathExtension().lastPathComponent] = catalogue
        }
        return catalogues
    }
}

import Foundation
import Testing

@testable import App

/// The server's catalogues: every language says every message, with the same open parts, and every
/// message the code writes for a player is in them.
@Suite struct CataloguesTests {
    static let localizer = Localizer.shared

    @Test func fourLanguages_areShipped_englishFirst() {
        #expect(Self.localizer.languages == ["en", "ar", "es", "fr"])
    }

    @Test func everyLanguage_hasEveryMessage_withTheSameOpenParts() throws {
        let english = try #require(Localizer.bundledCatalogues()["en"])
        #expect(english.count > 200, "the English catalogue was read")
        for (language, catalogue) in Localizer.bundledCatalogues() where language != "en" {
            #expect(
                Set(catalogue.keys) == Set(english.keys), "\(language): missing \(Set(english.keys).subtracting(catalogue.keys).sorted())")
            for (key, text) in catalogue {
                #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(language): empty translation of \(key)")
                #expect(Self.openParts(text) == Self.openParts(key), "\(language): \(key) keeps its open parts")
                #expect(
                    text != key || key.allSatisfy { !$0.isLetter || $0.isUppercase } || Self.untranslatable.contains(key),
                    "\(language): \(key) is not translated")
            }
        }
    }

    /// Messages a translation rightly leaves as they are.
    static let untranslatable: Set<String> = ["{minutes} minutes", "1 minute", "Use a colour written as #rrggbb."]

    @Test func everyMessageInTheCode_isInTheCatalogue() throws {
        let english = try #require(Localizer.bundledCatalogues()["en"])
        let templates = english.keys.compactMap(MessageTemplate.init)
        let messages = try PlayerFacingMessages.scan()
        #expect(messages.count > 180, "the scan found the messages (\(messages.count))")
        for (message, place) in messages {
            // The code's `\(…)` parts stand for any value: "\u{1}" never occurs in a catalogue.
            let sample = message.replacing(/\\\((?:[^()]|\([^()]*\))*\)/, with: "\u{1}")
            let known = english[sample] != nil || templates.contains { $0.match(sample) != nil }
            #expect(known, "\(place): \"\(message)\" is not in Resources/i18n/en.json (nor the other catalogues)")
        }
    }

    @Test func openParts_areFilledIn_andTranslatedThemselves() {
        #expect(
            Self.localizer.translate("Too many attempts. Try again in 12 seconds.", to: "fr")
                == "Trop de tentatives. Réessayez dans 12 secondes.")
        #expect(
            Self.localizer.translate("A moderator muted you in chat. You can write again in 3 hours.", to: "es")
                == "Un moderador te ha silenciado en el chat. Podrás volver a escribir en 3 horas.")
        #expect(Self.localizer.translate("bob is already invited.", to: "ar") == "bob مدعو بالفعل.")
        #expect(Self.localizer.translate("Please log in.", to: "en") == "Please log in.")
        #expect(Self.localizer.translate("Not a catalogued sentence.", to: "fr") == "Not a catalogued sentence.")
        #expect(Self.localizer.translate("Please log in.", to: "xx") == "Please log in.")
    }

    private static func openParts(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{(\w+)\}/).map { String($0.output.1) })
    }
}

@Suite struct LocalizedEmailTests {
    @Test func anArabicEmail_isLaidOutRightToLeft_andAnEnglishOneLeftToRight() {
        let arabic = Email(to: "a@example.com", subject: "Please log in.", body: "Please log in.", writtenIn: "ar")
        #expect(arabic.subject == "يرجى تسجيل الدخول.")
        #expect(EmailHTML.render(arabic).contains(#"<html lang="ar" dir="rtl">"#))
        let unknown = Email(to: "a@example.com", subject: "Please log in.", body: "Please log in.", writtenIn: "xx")
        #expect(unknown.subject == "Please log in.")
        #expect(EmailHTML.render(unknown).contains(#"<html lang="en" dir="ltr">"#))
    }
}

import Foundation
import Testing
import VaporTesting

@testable import App

/// The API answers in the reader's language: the `lang` cookie, else `Accept-Language`; a player's
/// chosen language is stored with the account and used for their emails. Codes never change.
@Suite struct LanguageTests {
    @Test func errors_comeInTheCookiesLanguage_elseAcceptLanguage_withTheSameCode() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            let english = try await browser.send(.POST, "/api/auth/login", json: ["login": "", "password": ""])
            let french = try await browser.send(
                .POST, "/api/auth/login", json: ["login": "", "password": ""], headers: [("Cookie", "lang=fr")])
            let spanish = try await browser.send(
                .POST, "/api/auth/login", json: ["login": "", "password": ""],
                headers: [("Accept-Language", "de-CH, es-MX;q=0.9, en;q=0.5")])
            let arabic = try await browser.send(
                .POST, "/api/auth/login", json: ["login": "", "password": ""],
                headers: [("Cookie", "lang=ar"), ("Accept-Language", "fr")])
            for response in [english, french, spanish, arabic] {
                #expect(response.status == .badRequest)
                #expect(response.errorCode == english.errorCode)
            }
            #expect(english.errorFields["login"] == "Enter your username or email.")
            #expect(french.errorFields["login"] == "Saisissez votre nom d'utilisateur ou votre e-mail.")
            #expect(spanish.errorFields["login"] == "Escribe tu nombre de usuario o tu correo.")
            #expect(arabic.errorFields["login"] == "أدخل اسم المستخدم أو البريد الإلكتروني.")
            #expect(
                try french.json()["error"].map { ($0 as? [String: Any])?["message"] as? String }
                    == "Certains champs demandent votre attention.")
        }
    }

    @Test func anUnknownLanguage_fallsBackToEnglish() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(
                .GET, "/api/me", headers: [("Cookie", "lang=xx"), ("Accept-Language", "de, *;q=0.1")])
            #expect(response.status == .unauthorized)
            #expect(try response.json()["error"].map { ($0 as? [String: Any])?["message"] as? String } == "Please log in.")
        }
    }

    @Test func choosingALanguage_isStored_andRefusedWhenUnknown() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            #expect(try await alice.send(.GET, "/api/me").json()["language"] as? String == "en", "sign-up keeps the reader's language")
            let chosen = try await alice.send(.PUT, "/api/me/language", json: ["language": "ar"])
            #expect(chosen.status == .ok)
            #expect(try chosen.json()["language"] as? String == "ar")
            #expect(try await alice.send(.GET, "/api/me").json()["language"] as? String == "ar")
            for bad: [String: Any] in [["language": "xx"], ["language": ""], ["language": 3], [:]] {
                let refused = try await alice.send(.PUT, "/api/me/language", json: bad)
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(refused.errorFields["language"] != nil, "\(bad): \(refused.body.string)")
            }
            #expect(try await alice.send(.GET, "/api/me").json()["language"] as? String == "ar", "a refused choice changes nothing")
            #expect(try await Browser(app).send(.PUT, "/api/me/language", json: ["language": "fr"]).status == .unauthorized)
        }
    }

    @Test func signingUpInFrench_sendsTheCodeInFrench_andKeepsFrench() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let browser = Browser(app)
            let pending = try await browser.send(
                .POST, "/api/auth/signup", json: ["username": "Zoe", "email": "zoe@example.com", "password": "a quiet paddle 42"],
                headers: [("Accept-Language", "fr-FR,fr;q=0.9")])
            #expect(pending.status == .accepted)
            let email = try await mail.waitForEmail(to: "zoe@example.com", subject: "Votre code d'inscription Transcendence")
            #expect(email.body.hasPrefix("Bonjour Zoe,"))
            let code = try #require(email.body.firstMatch(of: /\n(\d{6})\n/).map { String($0.output.1) })
            let challenge = try #require(try pending.json()["challenge"] as? String)
            let created = try await browser.send(
                .POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code],
                headers: [("Accept-Language", "fr-FR,fr;q=0.9")])
            #expect(created.status == .created)
            #expect(try created.json()["language"] as? String == "fr")
        }
    }

    @Test func emails_followTheStoredLanguage() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = Browser(app)
            try await alice.signUp("Alice")
            try await alice.send(.PUT, "/api/me/language", json: ["language": "es"])
            await mail.clear()
            // Asked from a browser in English: the email is still in the language Alice chose.
            let asked = try await Browser(app).send(.POST, "/api/auth/password/forgot", json: ["email": "alice@example.com"])
            #expect(asked.status == .accepted)
            let email = try await mail.waitForEmail(to: "alice@example.com", subject: "Restablece tu contraseña de Transcendence")
            #expect(email.body.hasPrefix("Hola, Alice:"))
            #expect(email.body.contains("http://127.0.0.1:8080/reset-password?token="), "the link survives translation")
        }
    }

    @Test func acceptLanguage_isReadByPreference() {
        #expect(Request.language(cookie: nil, acceptLanguage: "en;q=0.2, ar-EG;q=0.8, fr;q=0.5") == "ar")
        #expect(Request.language(cookie: nil, acceptLanguage: "es-419") == "es")
        #expect(Request.language(cookie: nil, acceptLanguage: "fr;q=0, de") == "en")
        #expect(Request.language(cookie: "fr", acceptLanguage: "es") == "fr")
        #expect(Request.language(cookie: nil, acceptLanguage: nil) == "en")
        #expect(Request.language(cookie: nil, acceptLanguage: ";;, ,q=x") == "en")
    }
}

import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct GameSettingsTests {
    static var valid: [String: Any] {
        [
            "pointsToWin": 7, "ballSpeed": "fast", "paddleSize": "small", "aiDifficulty": "hard",
            "look": ["theme": "custom", "paddle": "#ff0000", "ball": "#00ff00", "table": "#000033"]
        ]
    }

    @Test func settings_defaultToClassicPongAndSaveWholly() async throws {
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            let defaults = try await alice.send(.GET, "/api/me/game-settings").decode(GameSettingsDTO.self)
            #expect(defaults.pointsToWin == 5)
            #expect(defaults.ballSpeed == .normal)
            #expect(defaults.look.theme == .classic)
            #expect(defaults.aiDifficulty == .medium)

            // The named looks' colours come from the server, the same ones it draws with.
            let looks = try await alice.send(.GET, "/api/game-looks").decode([NamedGameLookDTO].self)
            #expect(looks.map(\.theme) == [.classic, .neon, .amber, .ocean, .contrast])
            #expect(looks.allSatisfy { GameLook.isColor($0.paddle) && !$0.name.isEmpty })
            let neon = try #require(looks.first { $0.theme == .neon })
            #expect(neon.table == GameLook(theme: .neon, paddle: "", ball: "", table: "").resolved.table)

            let saved = try await alice.send(.PUT, "/api/me/game-settings", json: Self.valid)
            #expect(saved.status == .ok)
            let again = try await alice.send(.GET, "/api/me/game-settings").decode(GameSettingsDTO.self)
            #expect(again.pointsToWin == 7)
            #expect(again.look.paddle == "#ff0000")

            // Another player's settings are their own.
            let bob = Browser(app)
            try await bob.signUp("bob")
            #expect(try await bob.send(.GET, "/api/me/game-settings").decode(GameSettingsDTO.self).pointsToWin == 5)
            // The sound volume: 70 until chosen, kept when a form without it (the pre-game screen) saves.
            #expect(again.soundVolume == 70)
            var quieter = Self.valid
            quieter["soundVolume"] = 25
            #expect(try await alice.send(.PUT, "/api/me/game-settings", json: quieter).status == .ok)
            #expect(try await alice.send(.PUT, "/api/me/game-settings", json: Self.valid).status == .ok)
            #expect(try await alice.send(.GET, "/api/me/game-settings").decode(GameSettingsDTO.self).soundVolume == 25)
            let anonymous = try await Browser(app).send(.GET, "/api/me/game-settings")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test(arguments: [
        ("pointsToWin", "0", "validation_failed", "pointsToWin"),
        ("pointsToWin", "22", "validation_failed", "pointsToWin"),
        ("pointsToWin", #""five""#, "invalid_json", "pointsToWin"),
        ("ballSpeed", #""warp""#, "invalid_json", "ballSpeed"),
        ("paddleSize", #""huge""#, "invalid_json", "paddleSize"),
        ("aiDifficulty", #""impossible""#, "invalid_json", "aiDifficulty"),
        ("look", ##"{"theme":"custom","paddle":"red","ball":"#00ff00","table":"#000033"}"##, "validation_failed", "look.paddle"),
        ("look", ##"{"theme":"sparkly","paddle":"#ff0000","ball":"#00ff00","table":"#000033"}"##, "invalid_json", "look.theme"),
        ("soundVolume", "101", "validation_failed", "soundVolume"),
        ("soundVolume", "-1", "validation_failed", "soundVolume"),
        ("soundVolume", #""loud""#, "invalid_json", "soundVolume")
    ])
    func settings_rejectBadValuesNamingTheField(field: String, valueJSON: String, code: String, errorField: String) async throws {
        let value = try JSONSerialization.jsonObject(with: Data(valueJSON.utf8), options: .fragmentsAllowed)
        try await withTestApp { app in
            let alice = Browser(app)
            try await alice.signUp("alice")
            var body = Self.valid
            body[field] = value
            let response = try await alice.send(.PUT, "/api/me/game-settings", json: body)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == code)
            #expect(response.errorFields[errorField] != nil, "\(response.body.string)")
            // Nothing was half-saved.
            #expect(try await alice.send(.GET, "/api/me/game-settings").decode(GameSettingsDTO.self).pointsToWin == 5)
        }
    }
}

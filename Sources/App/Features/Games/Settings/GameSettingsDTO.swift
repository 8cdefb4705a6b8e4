import PongCore
import Vapor

/// The colours a game is drawn in. Named themes fix all three; `custom` uses the player's own.
struct GameLook: Content, Equatable {
    enum Theme: String, Codable, CaseIterable, Sendable {
        /// White paddles and a yellow ball on black, no glow: for low vision (and `prefers-contrast: more`).
        case classic, neon, amber, ocean, contrast, custom
    }

    var theme: Theme
    var paddle: String
    var ball: String
    var table: String

    static let classic = GameLook(theme: .classic, paddle: "#f5f5f5", ball: "#f5f5f5", table: "#050505")

    /// The one definition of the named looks' colours: the server draws with them and
    /// the pre-game screen previews them from `GET /api/game-looks`.
    static let named: [NamedGameLookDTO] = [
        NamedGameLookDTO(look: .classic, name: "Classic (white on black)"),
        NamedGameLookDTO(look: GameLook(theme: .neon, paddle: "#22d3ee", ball: "#f472b6", table: "#0b1026"), name: "Neon"),
        NamedGameLookDTO(look: GameLook(theme: .amber, paddle: "#ffb000", ball: "#ffcc4d", table: "#1a1005"), name: "Amber monitor"),
        NamedGameLookDTO(look: GameLook(theme: .ocean, paddle: "#e0f2fe", ball: "#fde047", table: "#0c4a6e"), name: "Ocean"),
        NamedGameLookDTO(look: GameLook(theme: .contrast, paddle: "#ffffff", ball: "#ffff00", table: "#000000"), name: "High contrast")
    ]

    /// The colours actually drawn: a named theme's own, whatever was stored beside it.
    var resolved: GameLook {
        Self.named.first { $0.theme == theme }.map { GameLook(theme: theme, paddle: $0.paddle, ball: $0.ball, table: $0.table) } ?? self
    }

    static func isColor(_ value: String) -> Bool {
        value.utf8.count == 7 && value.first == "#" && value.dropFirst().allSatisfy(\.isHexDigit)
    }
}

/// A named look and its colours, as the pre-game screen lists them.
struct NamedGameLookDTO: Content, Equatable {
    let theme: GameLook.Theme
    let name: String
    let paddle: String
    let ball: String
    let table: String

    init(look: GameLook, name: String) {
        theme = look.theme
        self.name = name
        paddle = look.paddle
        ball = look.ball
        table = look.table
    }
}

/// Game settings (for games the user hosts) and AI settings, as the API shows them.
struct GameSettingsDTO: Content, Equatable {
    var pointsToWin: Int
    var ballSpeed: PongSettings.BallSpeed
    var paddleSize: PongSettings.PaddleSize
    var look: GameLook
    var aiDifficulty: PongAI.Difficulty
    /// How loud the game's sounds are, 0–100 (optional in a request: the pre-game screen leaves it alone).
    var soundVolume: Int?

    static let standardVolume = 70

    /// Plain classic Pong: first to 5, normal speed, white on black, medium AI.
    static let standard = GameSettingsDTO(
        pointsToWin: MatchRules.standard.pointsToWin, ballSpeed: .normal, paddleSize: .normal,
        look: .classic, aiDifficulty: .medium)

    init(
        pointsToWin: Int, ballSpeed: PongSettings.BallSpeed, paddleSize: PongSettings.PaddleSize,
        look: GameLook, aiDifficulty: PongAI.Difficulty
    ) {
        self.pointsToWin = pointsToWin
        self.ballSpeed = ballSpeed
        self.paddleSize = paddleSize
        self.look = look
        self.aiDifficulty = aiDifficulty
        soundVolume = Self.standardVolume
    }

    /// Stored values that no longer parse (a renamed option) fall back to the defaults.
    init(_ record: GameSettingsRecord) {
        let standard = Self.standard
        pointsToWin = MatchRules(pointsToWin: record.pointsToWin)?.pointsToWin ?? standard.pointsToWin
        ballSpeed = .init(rawValue: record.ballSpeed) ?? standard.ballSpeed
        paddleSize = .init(rawValue: record.paddleSize) ?? standard.paddleSize
        look = GameLook(
            theme: .init(rawValue: record.theme) ?? .classic,
            paddle: record.paddleColor, ball: record.ballColor, table: record.tableColor)
        aiDifficulty = .init(rawValue: record.aiDifficulty) ?? standard.aiDifficulty
        soundVolume = record.soundVolume
    }

    /// Field problems, keyed as the JSON names them.
    func problems() -> [String: String] {
        var fields: [String: String] = [:]
        if MatchRules(pointsToWin: pointsToWin) == nil {
            fields["pointsToWin"] =
                "Choose between \(MatchRules.pointsToWinRange.lowerBound) and \(MatchRules.pointsToWinRange.upperBound) points."
        }
        if let volume = soundVolume, !(0...100).contains(volume) {
            fields["soundVolume"] = "Choose a volume between 0 and 100."
        }
        for (name, value) in [("look.paddle", look.paddle), ("look.ball", look.ball), ("look.table", look.table)]
        where !GameLook.isColor(value) {
            fields[name] = "Use a colour written as #rrggbb."
        }
        return fields
    }

    /// The same settings with the colours a named theme really draws in: what players are shown.
    var withResolvedLook: GameSettingsDTO {
        var settings = self
        settings.look = look.resolved
        return settings
    }

    var engineSettings: PongSettings {
        PongSettings(rules: MatchRules(pointsToWin: pointsToWin) ?? .standard, ballSpeed: ballSpeed, paddleSize: paddleSize)
    }
}

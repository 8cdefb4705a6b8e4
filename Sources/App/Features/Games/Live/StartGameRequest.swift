import PongCore
import Vapor

/// `POST /api/games`. There is no score, seed or state in here: the server
/// decides all of that; the host's stored settings decide the rules.
struct StartGameRequest: Decodable {
    let mode: Match.Mode
    /// Vs AI: the level; the host's default when absent.
    let difficulty: PongAI.Difficulty?
    /// Same keyboard: the left player's typed name, or absent when the host plays left.
    let leftName: String?
    /// Same keyboard: the right player's typed name.
    let rightName: String?

    static let nameLength = 1...20

    /// The trimmed name, or the problem with it.
    static func guestName(_ raw: String?) -> Result<String, GuestNameProblem> {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard nameLength.contains(name.count) else { return .failure(.length) }
        guard !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            return .failure(.characters)
        }
        return .success(name)
    }

    enum GuestNameProblem: Error {
        case length, characters

        var message: String {
            switch self {
            case .length: "Enter a name of \(nameLength.lowerBound) to \(nameLength.upperBound) characters."
            case .characters: "Use letters, digits, spaces and punctuation only."
            }
        }
    }
}

/// A live game in the list anyone may watch from.
struct WatchableGameDTO: Content {
    let id: UUID
    let mode: Match.Mode
    let left: PlayerDTO
    let right: PlayerDTO
    let rated: Bool
    let startedAt: Date
    let spectators: Int

    init(_ setup: GameSetup, spectators: Int) {
        id = setup.id
        mode = setup.mode
        left = PlayerDTO(setup.left)
        right = PlayerDTO(setup.right)
        rated = setup.rated
        startedAt = setup.startedAt
        self.spectators = spectators
    }
}

/// The answer to `POST /api/games` and each entry of `GET /api/games`.
struct StartedGameDTO: Content {
    let id: UUID
    let mode: Match.Mode
    let left: PlayerDTO
    let right: PlayerDTO
    let settings: GameSettingsDTO
    let startedAt: Date

    init(_ setup: GameSetup) {
        id = setup.id
        mode = setup.mode
        left = PlayerDTO(setup.left)
        right = PlayerDTO(setup.right)
        settings = setup.settings.withResolvedLook
        startedAt = setup.startedAt
    }
}

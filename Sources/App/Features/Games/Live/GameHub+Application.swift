import Vapor

extension Application {
    private struct GameHubKey: StorageKey {
        typealias Value = GameHub
    }

    var games: GameHub {
        get {
            guard let hub = storage[GameHubKey.self] else { fatalError("configure(_:) sets the GameHub") }
            return hub
        }
        set { storage[GameHubKey.self] = newValue }
    }
}

extension Request {
    /// Every live game on this server.
    var games: GameHub { application.games }
}

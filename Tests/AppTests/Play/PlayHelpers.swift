import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

// What the play tests share: fast remote games, invitations, and friends signed in.

/// Remote games run fast; the grace for a lost connection (or a player who never joins) and a
/// pause are eight seconds here: short to wait for, and four times what a loaded machine needs
/// between a game's start and both players joining it.
let fastRemoteGames = LiveGame.Timing(
    tickInterval: .milliseconds(1), countdownTicks: 5, reconnectGrace: .seconds(20), pauseLimit: .seconds(30),
    remoteGrace: .seconds(8), remotePause: .seconds(8))

extension Browser {
    func invite(_ username: String, _ extra: [String: Any] = [:]) async throws -> TestingHTTPResponse {
        try await send(.POST, "/api/invitations", json: extra.merging(["username": username]) { first, _ in first })
    }

    /// Sends an invitation that must succeed; its id.
    func invited(_ username: String, _ extra: [String: Any] = [:]) async throws -> String {
        let response = try await invite(username, extra)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(InvitationDTO.self).id.uuidString
    }
}

/// Alice and Bob, friends, each signed in.
func friends(_ app: Application, _ names: String...) async throws -> [Browser] {
    var browsers: [Browser] = []
    for name in names { browsers.append(try await Browser.signedUp(app, name)) }
    for (index, other) in browsers.enumerated().dropFirst() {
        try await browsers[0].befriend(other, named: names[index], me: names[0])
    }
    return browsers
}

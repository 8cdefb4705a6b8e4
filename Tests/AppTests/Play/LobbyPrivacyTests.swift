import Foundation
import Testing
import VaporTesting

@testable import App

/// Before the start a lobby's seats say who the creator's friends are and who said no: only the
/// creator and the invited see them; anyone else sees the name, the creator and how many joined.
@Suite struct LobbyPrivacyTests {
    @Test func aLobbysSeats_areForTheCreatorAndTheInvitedOnly() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "olga", "pete", "quin", "rosa")
            let (olga, pete, quin) = (players[0], players[1], players[2])
            let stranger = try await Browser.signedUp(app, "sven")
            let created = try await olga.createdTournament(["name": "Quiet cup", "capacity": 4, "pointsToWin": 1, "seeding": "random"])
            let id = created.id.uuidString
            for name in ["pete", "quin", "rosa"] {
                #expect(try await olga.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": name]).status == .ok)
            }
            #expect(try await pete.send(.POST, "/api/tournaments/\(id)/join").status == .ok)
            #expect(try await quin.send(.POST, "/api/tournaments/\(id)/decline").status == .ok)

            for outsider in [Browser(app), stranger] {
                let answer = try await outsider.send(.GET, "/api/tournaments/\(id)")
                let seen = try answer.decode(TournamentDTO.self)
                #expect(seen.participants.isEmpty)
                #expect(seen.playerCount == 2) // the organiser and Pete
                #expect(seen.name == "Quiet cup" && seen.creator == "olga")
                // Nowhere on the wire either.
                #expect(!answer.body.string.contains("quin") && !answer.body.string.contains("rosa"))
            }
            for insider in [olga, pete, players[3]] {
                #expect(try await insider.tournament(id).participants.count == 4)
            }
        }
    }
}

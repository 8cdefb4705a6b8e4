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
            let id = try #require(created["id"] as? String)
            for name in ["pete", "quin", "rosa"] {
                #expect(try await olga.send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": name]).status == .ok)
            }
            #expect(try await pete.send(.POST, "/api/tournaments/\(id)/join").status == .ok)
            #expect(try await quin.send(.POST, "/api/tournaments/\(id)/decline").status == .ok)

            for outsider in [Browser(app), stranger] {
                let seen = try await outsider.tournament(id)
                #expect((seen["participants"] as? [Any])?.isEmpty == true)
                #expect(seen["playerCount"] as? Int == 2) // the organiser and Pete
                #expect(seen["name"] as? String == "Quiet cup" && seen["creator"] as? String == "olga")
                #expect(!String(describing: seen).contains("quin") && !String(describing: seen).contains("rosa"))
            }
            for insider in [olga, pete, players[3]] {
                let seen = try await insider.tournament(id)
                #expect((seen["participants"] as? [Any])?.count == 4)
            }
        }
    }
}

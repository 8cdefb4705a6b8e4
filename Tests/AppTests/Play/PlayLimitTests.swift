import Foundation
import Testing
import VaporTesting

@testable import App

/// What one player can make the server do to others through invitations and tournaments is bounded.
@Suite struct PlayLimitTests {
    /// Invite-and-cancel to one friend: five times in ten minutes, then 429 with Retry-After.
    @Test func inviteAndCancel_reachesOneFriendFiveTimesInTenMinutes() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "amy", "bob")
            for _ in 0..<5 {
                let id = try await players[0].invited("bob")
                #expect(try await players[0].send(.DELETE, "/api/invitations/\(id)").status == .ok)
            }
            let refused = try await players[0].invite("bob")
            #expect(refused.status == .tooManyRequests && refused.errorCode == "rate_limited")
            #expect(refused.headers.first(name: "Retry-After") != nil)
            let notifications = try await GameInvitation.query(on: app.db).count()
            #expect(notifications == 5)
        }
    }

    @Test func oneSender_sendsTwentyInvitationsInTenMinutes() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "amy", "ben1", "ben2", "ben3", "ben4", "ben5")
            for friend in ["ben1", "ben2", "ben3", "ben4"] {
                for _ in 0..<5 {
                    let id = try await players[0].invited(friend)
                    _ = try await players[0].send(.DELETE, "/api/invitations/\(id)")
                }
            }
            #expect(try await players[0].invite("ben5").errorCode == "rate_limited")
        }
    }

    /// Six lobbies created at once by one player: exactly three open, the rest told why.
    @Test func openLobbies_areThreePerCreator_evenWhenCreatedAtOnce() async throws {
        try await withTestApp { app in
            let creator = try await Browser.signedUp(app, "host")
            let answers = try await concurrently(6) { index in
                let response = try await creator.send(
                    .POST, "/api/tournaments",
                    json: [
                        "name": "Cup \(index)", "capacity": 4, "pointsToWin": 1, "seeding": "random"
                    ])
                if response.status == .conflict { #expect(response.errorCode == "too_many_lobbies") }
                return response.status.code
            }
            #expect(answers.filter { $0 == 201 }.count == 3)
            #expect(answers.filter { $0 == 409 }.count == 3)
            #expect(try await Tournament.query(on: app.db).count() == 3)
        }
    }

    /// Twenty tournaments a day, local ones included; a local tournament nobody played is not in the
    /// site's public figures.
    @Test func tournamentsPerDay_areTwenty_andUnplayedOnesDontCountPublicly() async throws {
        try await withTestApp { app in
            let host = try await Browser.signedUp(app, "host")
            for index in 0..<20 {
                let response = try await host.send(
                    .POST, "/api/tournaments",
                    json: [
                        "name": "Table \(index)", "kind": "local", "aliases": ["host", "ann", "ben"], "pointsToWin": 1
                    ])
                #expect(response.status == .created, "\(response.body.string)")
            }
            let refused = try await host.send(
                .POST, "/api/tournaments",
                json: [
                    "name": "One more", "kind": "local", "aliases": ["host", "ann", "ben"], "pointsToWin": 1
                ])
            #expect(refused.status == .tooManyRequests && refused.errorCode == "rate_limited")
            #expect(try await Browser(app).send(.GET, "/api/stats").decode(SiteStatsDTO.self).tournaments == 0)
        }
    }

    /// Invite and remove, again and again: one friend hears of one tournament three times an hour.
    @Test func tournamentInviteAndRemove_reachesAFriendThreeTimesAnHour() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "host", "pal")
            let created = try await players[0].createdTournament(["name": "Cup", "capacity": 4, "pointsToWin": 1, "seeding": "random"])
            let id = created.id.uuidString
            for _ in 0..<3 {
                #expect(try await players[0].send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "pal"]).status == .ok)
                #expect(try await players[0].send(.DELETE, "/api/tournaments/\(id)/invitations/pal").status == .ok)
            }
            let refused = try await players[0].send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": "pal"])
            #expect(refused.status == .tooManyRequests && refused.errorCode == "rate_limited")
        }
    }
}

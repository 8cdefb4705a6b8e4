import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// Per-user limits hold when the requests that test them arrive all at once.
@Suite struct LimitRaceTests {
    @Test func twelveConcurrentGameStarts_startExactlyTheLimit() async throws {
        try await withTestApp(gameTiming: fastGames) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let statuses = try await concurrently(12) { _ in
                try await alice.send(.POST, "/api/games", json: ["mode": "ai"]).status.code
            }
            #expect(statuses.filter { $0 == 201 }.count == app.games.limits.gamesPerUser, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 12 - app.games.limits.gamesPerUser)
            #expect(app.games.liveGames(hostedBy: try await User.named("alice", on: app.db).requireID()).count == 3)
        }
    }

    @Test func fifteenConcurrentAddsToARoomOf45_leaveItAtExactlyFifty() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let aliceID = try await User.named("alice", on: app.db).requireID()
            // Sixty friends written straight to the database (signing them all up would trip the signup limit).
            var friends: [String] = []
            for index in 0..<60 {
                let name = "friend\(index)"
                let user = User(username: name, email: "\(name)@example.com", passwordHash: "unused")
                try await user.create(on: app.db)
                let friendship = Friendship(requester: aliceID, addressee: try user.requireID(), at: app.clock.now)
                friendship.status = .accepted
                friendship.acceptedAt = Date()
                try await friendship.create(on: app.db)
                friends.append(name)
            }
            let created = try await alice.send(.POST, "/api/chat/rooms", json: ["name": "Crowd", "members": Array(friends.prefix(44))])
            #expect(created.status == .created || created.status == .ok, "\(created.body.string)")
            let room = try created.decode(ConversationDTO.self).id.uuidString
            #expect(try await ConversationMember.query(on: app.db).count() == 45)
            let late = Array(friends.suffix(15))
            let statuses = try await concurrently(15) { index in
                try await alice.send(.POST, "/api/chat/conversations/\(room)/members", json: ["username": late[index]]).status.code
            }
            #expect(statuses.filter { $0 == 200 }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 10)
            #expect(try await ConversationMember.query(on: app.db).count() == 50)
        }
    }
}

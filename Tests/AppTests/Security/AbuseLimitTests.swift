import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting

@testable import App

/// The limits that stop one account (or one address) from costing everyone else.
@Suite struct AbuseLimitTests {
    static let password = "a quiet paddle 42"

    @Test func changingTheEmailAddress_mailsAStrangerAtMostThreeTimes() async throws {
        let mail = RecordingMailTransport()
        try await withTestApp(mail: mail) { app in
            let alice = try await Browser.signedUp(app, "alice")
            var statuses: [UInt] = []
            // Switching back and forth makes each change a new pending address, and a new email.
            for index in 0..<20 {
                let address = index.isMultiple(of: 2) ? "stranger@example.org" : "alice.other\(index)@example.com"
                statuses.append(
                    try await alice.send(
                        .PATCH, "/api/me",
                        json: [
                            "email": address, "currentPassword": Self.password
                        ]
                    ).status.code)
            }
            // Five changes go through (the account's limit); after that only no-op repeats of the pending address do.
            #expect(Array(statuses.prefix(6)) == [200, 200, 200, 200, 200, 429], "\(statuses)")
            #expect(statuses.allSatisfy { [200, 429].contains($0) })
            try await Task.sleep(for: .milliseconds(200))
            #expect(await mail.sent.filter { $0.to == "stranger@example.org" }.count == 3)
            #expect(await mail.sent.filter { $0.subject.contains("onfirm") && $0.to != "alice@example.com" }.count == 5)
        }
    }

    @Test func signupAttempts_areCountedPerAddressEvenWhenTheyFail() async throws {
        try await withTestApp { app in
            _ = try await Browser.signedUp(app, "alice")
            var statuses: [UInt] = []
            for index in 0..<30 {
                // The username is taken: each attempt answers 409 username_taken until the limit.
                statuses.append(
                    try await Browser(app).send(
                        .POST, "/api/auth/signup",
                        json: [
                            "username": "alice", "email": "probe\(index)@example.com", "password": Self.password
                        ]
                    ).status.code)
            }
            #expect(statuses.filter { $0 == 409 }.count == 19, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 11)
        }
    }

    @Test func friendRequests_toOnePlayer_areLimited() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            _ = try await Browser.signedUp(app, "bob")
            var statuses: [UInt] = []
            for _ in 0..<6 {
                statuses.append(try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"]).status.code)
                _ = try await alice.send(.DELETE, "/api/friends/requests/bob")
            }
            #expect(statuses == [201, 201, 201, 429, 429, 429], "\(statuses)")
            let bobID = try await User.named("bob", on: app.db).requireID()
            #expect(try await UserNotification.query(on: app.db).filter(\.$user.$id == bobID).count() <= 3)
        }
    }

    @Test func roomNames_refuseInvisibleAndDirectionChangingCharacters() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            for name in ["Team\u{202E}evil", "Zero\u{200B}width", "Tag\u{E0041}s", "Line\u{2028}break", "Iso\u{2066}late"] {
                let response = try await alice.send(.POST, "/api/chat/rooms", json: ["name": name])
                #expect(response.status == .badRequest, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(response.errorFields["name"] != nil)
            }
            let family = try await alice.send(.POST, "/api/chat/rooms", json: ["name": "Family 👨‍👩‍👧 and قناة"])
            #expect(family.status == .created || family.status == .ok, "\(family.body.string)")
        }
    }

    @Test func roomsCreatedPerDay_areLimited() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            for index in 0..<20 {
                let response = try await alice.send(.POST, "/api/chat/rooms", json: ["name": "Room \(index)"])
                #expect(response.status.code < 300)
            }
            let refused = try await alice.send(.POST, "/api/chat/rooms", json: ["name": "One too many"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: "Retry-After") != nil)
        }
    }

    @Test func roomsInTotal_areLimitedEvenUnderConcurrentCreation() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let aliceID = try await User.named("alice", on: app.db).requireID()
            for index in 0..<(ChatConversations.roomsPerCreator - 2) {
                let room = Conversation.room(named: "Old \(index)", by: aliceID, at: app.clock.now)
                room.createdAt = Date().addingTimeInterval(-Double(10_000 - index))
                try await room.create(on: app.db)
                try await ConversationMember(conversationID: room.requireID(), userID: aliceID, at: app.clock.now).create(on: app.db)
            }
            let statuses = try await concurrently(8) { index in
                try await alice.send(.POST, "/api/chat/rooms", json: ["name": "New \(index)"]).status.code
            }
            #expect(statuses.filter { $0 < 300 }.count == 2, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 6)
            #expect(try await Conversation.query(on: app.db).filter(\.$creator.$id == aliceID).count() == ChatConversations.roomsPerCreator)
        }
    }

    @Test func theConversationList_pages() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            for index in 0..<5 {
                _ = try await alice.send(.POST, "/api/chat/rooms", json: ["name": "Room \(index)"])
                try await Task.sleep(for: .milliseconds(5))
            }
            let all = try await alice.send(.GET, "/api/chat/conversations").decode([ConversationDTO].self).map(\.title)
            #expect(all == ["Room 4", "Room 3", "Room 2", "Room 1", "Room 0"])
            let second = try await alice.send(.GET, "/api/chat/conversations?page=2&per=2").decode([ConversationDTO].self).map(\.title)
            #expect(second == ["Room 2", "Room 1"])
            let beyond = try await alice.send(.GET, "/api/chat/conversations?page=9&per=2").decode([ConversationDTO].self)
            #expect(beyond.isEmpty)
            for bad in ["per=0", "per=101", "page=0", "page=x"] {
                let response = try await alice.send(.GET, "/api/chat/conversations?\(bad)")
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.errorFields[String(bad.prefix { $0 != "=" })] != nil)
            }
        }
    }

    @Test func overlongPathsAndTrace_areClientErrorsNot500() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            let segment = try await browser.send(.GET, "/" + String(repeating: "a", count: 300))
            #expect(segment.status == .notFound)
            let long = try await browser.send(
                .GET, "/" + Array(repeating: String(repeating: "b", count: 200), count: 25).joined(separator: "/"))
            #expect(long.status == .uriTooLong)
            #expect(try await browser.send(.TRACE, "/api/health").status == .methodNotAllowed)
            #expect(try await browser.send(.GET, "/api/health").status == .ok)
        }
    }

    @Test func aFullHashingQueue_answers503WithRetryAfter_whileOtherRequestsGoOn() async throws {
        try await withTestApp(hashingLimits: .init(threads: 1, maximumPending: 2)) { app in
            let bystander = try await Browser.signedUp(app, "alice")
            let pool = app.accountParts.hasher.pool
            let release = NIOLockedValueBox(false)
            // Two slow hashes fill the queue (one running, one waiting).
            let blockers = (0..<2).map { _ in
                Task { try await pool.run { while !release.withLockedValue({ $0 }) { usleep(1_000) } } }
            }
            try await Task.sleep(for: .milliseconds(100))
            let login = try await Browser(app).submitPassword("alice", password: "some password 1")
            #expect(login.status == .serviceUnavailable)
            #expect(login.errorCode == "server_busy")
            #expect(login.headers.first(name: "Retry-After") != nil)
            // The database and every other request are untouched by the hashing backlog.
            #expect(try await bystander.send(.GET, "/api/me").status == .ok)
            release.withLockedValue { $0 = true }
            for blocker in blockers { try await blocker.value }
            // The refused check was not counted against the account: ten real tries remain.
            for attempt in 0..<10 {
                #expect(try await Browser(app).submitPassword("alice", password: "wrong \(attempt) again").status == .unauthorized)
            }
        }
    }
}

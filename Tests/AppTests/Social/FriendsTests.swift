import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct FriendsTests {
    @Test func request_accept_showsBothAsFriendsAndNotifiesTheSender() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let sent = try await alice.send(.POST, "/api/friends/requests", json: ["username": "Bob"])
            #expect(sent.status == .created)
            #expect(try sent.decode(FriendRequestResultDTO.self).status == .pending)
            #expect(alice.names(\.outgoing, in: try await alice.friendsOverview()) == ["bob"])
            #expect(bob.names(\.incoming, in: try await bob.friendsOverview()) == ["alice"])

            let accepted = try await bob.send(.POST, "/api/friends/requests/alice/accept")
            #expect(accepted.status == .ok)
            let aliceView = try await alice.friendsOverview()
            #expect(alice.names(\.friends, in: aliceView) == ["bob"])
            #expect(alice.names(\.outgoing, in: aliceView).isEmpty)
            #expect(bob.names(\.friends, in: try await bob.friendsOverview()) == ["alice"])
            let kinds = try await alice.send(.GET, "/api/notifications").decode(NotificationPageDTO.self).items.map(\.kind)
            #expect(kinds == [.friendAccepted])
        }
    }

    @Test func decline_cancel_remove_eachEndTheirStateOnce() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            #expect(try await bob.send(.POST, "/api/friends/requests/alice/decline").status == .noContent)
            #expect(try await bob.send(.POST, "/api/friends/requests/alice/decline").errorCode == "request_not_found")
            #expect(alice.names(\.outgoing, in: try await alice.friendsOverview()).isEmpty)

            try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            // Only the sender cancels; the receiver declines.
            #expect(try await bob.send(.DELETE, "/api/friends/requests/alice").errorCode == "request_not_found")
            #expect(try await alice.send(.DELETE, "/api/friends/requests/bob").status == .noContent)
            #expect(bob.names(\.incoming, in: try await bob.friendsOverview()).isEmpty)
            let bobNews = try await bob.send(.GET, "/api/notifications").decode(NotificationPageDTO.self)
            #expect(bobNews.items.isEmpty, "a cancelled request is no longer news")

            try await alice.befriend(bob, named: "bob", me: "alice")
            #expect(try await bob.send(.DELETE, "/api/friends/alice").status == .noContent)
            #expect(try await bob.send(.DELETE, "/api/friends/alice").errorCode == "not_friends")
            #expect(alice.names(\.friends, in: try await alice.friendsOverview()).isEmpty)
        }
    }

    @Test func aRequestWhileTheirsIsPending_acceptsIt() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            let crossing = try await bob.send(.POST, "/api/friends/requests", json: ["username": "alice"])
            #expect(crossing.status == .ok)
            #expect(try crossing.decode(FriendRequestResultDTO.self).status == .accepted)
            #expect(alice.names(\.friends, in: try await alice.friendsOverview()) == ["bob"])
        }
    }

    @Test func simultaneousRequests_endInExactlyOneFriendship() async throws {
        try await withTestApp { app in
            for round in 0..<6 {
                let alice = try await Browser.signedUp(app, "alice\(round)")
                let bob = try await Browser.signedUp(app, "bob\(round)")
                let statuses = try await concurrently(2) { index in
                    index == 0
                        ? try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob\(round)"]).status.code
                        : try await bob.send(.POST, "/api/friends/requests", json: ["username": "alice\(round)"]).status.code
                }
                #expect(statuses.sorted() == [200, 201], "round \(round): \(statuses)")
                let aliceID = try await User.named("alice\(round)", on: app.db).requireID()
                let rows = try await Friendship.involving(aliceID, on: app.db).all()
                #expect(rows.count == 1)
                #expect(rows.first?.status == .accepted)
            }
        }
    }

    @Test func doubleAccept_makesOneFriendshipAndOneNotification() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            let statuses = try await concurrently(8) { _ in
                try await bob.send(.POST, "/api/friends/requests/alice/accept").status.code
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
            #expect(try await Friendship.query(on: app.db).count() == 1)
            #expect(try await UserNotification.query(on: app.db).filter(\.$kind == .friendAccepted).count() == 1)
        }
    }

    @Test func badRequests_getExactCodes() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let yourself = try await alice.send(.POST, "/api/friends/requests", json: ["username": "ALICE"])
            #expect(yourself.status == .badRequest)
            #expect(yourself.errorCode == "cannot_friend_yourself")
            #expect(yourself.errorFields["username"] != nil)
            #expect(try await alice.send(.POST, "/api/friends/requests", json: ["username": "nobody"]).errorCode == "user_not_found")
            let missing = try await alice.send(.POST, "/api/friends/requests", json: ["name": "bob"])
            #expect(missing.status == .badRequest)
            #expect(missing.errorFields["username"] != nil)
            let wrongType = try await alice.send(.POST, "/api/friends/requests", json: ["username": 7])
            #expect(wrongType.status == .badRequest)
            #expect(
                try await alice.send(
                    .POST, "/api/friends/requests", body: ByteBuffer(string: "username=bob"),
                    contentType: "application/x-www-form-urlencoded"
                ).status == .unsupportedMediaType)
            try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            #expect(try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"]).errorCode == "request_already_sent")
            #expect(
                try await alice.send(.POST, "/api/friends/requests/bob/accept").errorCode == "request_not_found",
                "the sender can't accept their own request")
            try await bob.send(.POST, "/api/friends/requests/alice/accept")
            #expect(try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"]).errorCode == "already_friends")
            #expect(try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"], csrf: false).status == .forbidden)
            #expect(try await Browser(app).send(.GET, "/api/friends").status == .unauthorized)
        }
    }

    @Test func anotherPlayersRequests_areNeverVisibleOrActionable() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            let carol = try await Browser.signedUp(app, "carol")
            try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            let carolView = try await carol.friendsOverview()
            #expect(carol.names(\.incoming, in: carolView).isEmpty && carol.names(\.outgoing, in: carolView).isEmpty)
            #expect(try await carol.send(.POST, "/api/friends/requests/alice/accept").errorCode == "request_not_found")
            #expect(try await carol.send(.POST, "/api/friends/requests/alice/decline").errorCode == "request_not_found")
            #expect(try await carol.send(.GET, "/api/notifications").decode(NotificationPageDTO.self).items.isEmpty)
            #expect(bob.names(\.incoming, in: try await bob.friendsOverview()) == ["alice"])
        }
    }

    @Test func blocking_stopsRequests_endsTheFriendship_andHidesThePlayer() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            try await alice.befriend(bob, named: "bob", me: "alice")
            #expect(try await bob.send(.PUT, "/api/blocks/alice").status == .noContent)
            #expect(try await bob.send(.PUT, "/api/blocks/alice").status == .noContent, "blocking twice is blocking once")
            #expect(bob.names(\.friends, in: try await bob.friendsOverview()).isEmpty)
            #expect(alice.names(\.friends, in: try await alice.friendsOverview()).isEmpty)

            let asked = try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"])
            #expect(asked.status == .forbidden)
            #expect(asked.errorCode == "request_not_allowed")
            #expect(!asked.body.string.lowercased().contains("block"), "the blocked player is not told")
            #expect(try await bob.send(.POST, "/api/friends/requests", json: ["username": "alice"]).errorCode == "user_blocked")
            let search = try await bob.send(.GET, "/api/friends/search?q=ali").decode(PlayerSearchPageDTO.self)
            #expect(search.items.isEmpty, "a blocked player disappears from search")
            let blocks = try await bob.send(.GET, "/api/blocks").decode([UserSummaryDTO].self)
            #expect(blocks.map(\.username) == ["alice"])
            #expect(try await bob.send(.PUT, "/api/blocks/bob").errorCode == "cannot_block_yourself")

            #expect(try await bob.send(.DELETE, "/api/blocks/alice").status == .noContent)
            #expect(try await bob.send(.DELETE, "/api/blocks/alice").errorCode == "not_blocked")
            #expect(try await alice.send(.POST, "/api/friends/requests", json: ["username": "bob"]).status == .created)
        }
    }

    @Test func search_findsByPrefix_pages_andTreatsUnderscoreLiterally() async throws {
        try await withTestApp { app in
            let me = try await Browser.signedUp(app, "seeker")
            for name in ["pat_one", "patrick", "patty", "pat-two", "paddy"] { try await Browser(app).signUp(name) }
            try await me.send(.POST, "/api/friends/requests", json: ["username": "patty"])
            let first = try await me.send(.GET, "/api/friends/search?q=PAT&per=2").decode(PlayerSearchPageDTO.self)
            #expect(first.total == 4)
            #expect(first.items.map(\.user.username) == ["pat-two", "pat_one"])
            let second = try await me.send(.GET, "/api/friends/search?q=pat&per=2&page=2").decode(PlayerSearchPageDTO.self)
            #expect(second.items.map(\.user.username) == ["patrick", "patty"])
            #expect(second.items.last?.relation == .outgoing)
            let underscore = try await me.send(.GET, "/api/friends/search?q=pat_").decode(PlayerSearchPageDTO.self)
            #expect(underscore.total == 1, "_ is a character here, not a wildcard")
            for bad in ["", "a%25", "x'y", String(repeating: "a", count: 21)] {
                let response = try await me.send(.GET, "/api/friends/search?q=\(bad)")
                #expect(response.status == .badRequest, "q=\(bad)")
                #expect(response.errorFields["q"] != nil)
            }
            #expect(try await me.send(.GET, "/api/friends/search?q=pat&per=0").errorFields["per"] != nil)
            #expect(try await me.send(.GET, "/api/friends/with/patty").decode(RelationDTO.self).relation == .outgoing)
            #expect(try await me.send(.GET, "/api/friends/with/nobody").errorCode == "user_not_found")
        }
    }
}

import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct ChatTests {
    @Test func directMessages_reachEveryTabLive_areStored_andCountAsUnreadUntilRead() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            #expect(try await bob.directConversation(with: "alice") == conversation, "one conversation per pair")
            try await withRunningServer(app) { port in
                let bobTab1 = try await bob.socket(port: port), bobTab2 = try await bob.socket(port: port)
                let aliceTab = try await alice.socket(port: port)
                try await bobTab2.next(ServerEvent.hello)
                let sent = try await alice.say("  hi bob  ", in: conversation)
                #expect(sent.status == .created)
                #expect(try sent.decode(ChatMessageDTO.self).text == "hi bob", "trimmed")
                for tab in [bobTab1, bobTab2, aliceTab] {
                    let live = try await tab.next(ServerEvent.message)
                    #expect(live.text == "hi bob")
                    #expect(live.sender?.username == "alice")
                }
                let list = try await bob.send(.GET, "/api/chat/conversations").decode([ConversationDTO].self)
                #expect(list.first?.unread == 1)
                #expect(list.first?.title == "alice")
                let messageID = try sent.decode(ChatMessageDTO.self).id
                #expect(
                    try await bob.send(.POST, "/api/chat/conversations/\(conversation)/read", json: ["messageId": messageID]).status == .ok)
                let read = try await aliceTab.next(ServerEvent.read)
                #expect(read.user == "bob" && read.messageId == messageID)
                #expect(try await bob.send(.GET, "/api/chat/conversations").decode([ConversationDTO].self).first?.unread == 0)
                #expect(
                    try await alice.send(.GET, "/api/chat/conversations").decode([ConversationDTO].self).first?.unread == 0,
                    "your own messages are never unread")
                for socket in [bobTab1, bobTab2, aliceTab] { await socket.close() }
            }
        }
    }

    @Test func blockedPlayers_cannotMessage_andTheBlockerStopsSeeingThem() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            #expect(try await alice.say("before", in: conversation).status == .created)
            try await bob.send(.PUT, "/api/blocks/alice")
            let refused = try await alice.say("after", in: conversation)
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "cannot_message")
            #expect(!refused.body.string.lowercased().contains("block"))
            #expect(try await bob.say("hello?", in: conversation).errorCode == "user_blocked")
            #expect(try await alice.send(.POST, "/api/chat/direct", json: ["username": "bob"]).errorCode == "cannot_message")
            #expect(
                try await bob.send(.GET, "/api/chat/conversations").decode([ConversationDTO].self).isEmpty,
                "the blocked player's conversation is hidden")
            #expect(try await ChatMessage.query(on: app.db).count() == 1, "nothing from after the block was stored")
            try await bob.send(.DELETE, "/api/blocks/alice")
            #expect(try await alice.say("after unblock", in: conversation).status == .created)
        }
    }

    @Test func nonMembers_getNotFound_forEveryConversationRoute() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            _ = try await Browser.signedUp(app, "bob")
            let carol = try await Browser.signedUp(app, "carol")
            let conversation = try await alice.directConversation(with: "bob")
            try await alice.say("private", in: conversation)
            let base = "/api/chat/conversations/\(conversation)"
            for response in [
                try await carol.send(.GET, base),
                try await carol.send(.GET, base + "/messages"),
                try await carol.say("let me in", in: conversation),
                try await carol.send(.POST, base + "/read", json: ["messageId": 1]),
                try await carol.send(.POST, base + "/members", json: ["username": "carol"]),
                try await carol.send(.GET, "/api/chat/conversations/not-a-uuid/messages"),
                try await carol.send(.GET, "/api/chat/conversations/\(UUID())/messages")
            ] {
                #expect(response.status == .notFound)
                #expect(response.errorCode == "conversation_not_found")
            }
            #expect(try await carol.send(.GET, "/api/chat/conversations").decode([ConversationDTO].self).isEmpty)
            #expect(try await ChatMessage.query(on: app.db).count() == 1)
        }
    }

    @Test func paging_goesBackwardsInOrder_andCursorsStayValidAsMessagesArrive() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let id = try await alice.directConversation(with: "bob")
            let conversation = try #require(try await Conversation.find(UUID(uuidString: id), on: app.db))
            let aliceUser = try await User.named("alice", on: app.db)
            // Straight through the service: paging is under test here, not the flood limit.
            let chat = app.chat(on: app.db)
            func post(_ text: String) async throws {
                _ = try await chat.post(
                    ChatMessage(
                        conversationID: conversation.requireID(), senderID: aliceUser.requireID(),
                        kind: .text, body: text, at: app.clock.now), in: conversation, sender: aliceUser)
            }
            for number in 1...12 { try await post("m\(number)") }
            func page(_ query: String) async throws -> (texts: [String], earlier: Int?) {
                let page = try await bob.send(.GET, "/api/chat/conversations/\(id)/messages?\(query)").decode(ChatMessagePageDTO.self)
                return (page.items.map(\.text), page.earlier)
            }
            let newest = try await page("limit=5")
            #expect(newest.texts == ["m8", "m9", "m10", "m11", "m12"])
            for number in 13...15 { try await post("m\(number)") }
            let middle = try await page("limit=5&before=\(try #require(newest.earlier))")
            #expect(middle.texts == ["m3", "m4", "m5", "m6", "m7"], "new messages don't shift an older page")
            let oldest = try await page("limit=5&before=\(try #require(middle.earlier))")
            #expect(oldest.texts == ["m1", "m2"])
            #expect(oldest.earlier == nil)
            for (query, field) in [
                ("limit=0", "limit"), ("limit=101", "limit"), ("limit=x", "limit"), ("before=-3", "before"), ("before=abc", "before")
            ] {
                let response = try await bob.send(.GET, "/api/chat/conversations/\(id)/messages?\(query)")
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.errorFields[field] != nil, "\(query)")
            }
        }
    }

    @Test func floodLimit_refusesTheSixthMessageInFiveSeconds_withAClearError() async throws {
        // The clock stands still: on a busy machine six requests may take longer than the five-second window.
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            for number in 1...5 { #expect(try await alice.say("n\(number)", in: conversation).status == .created) }
            let sixth = try await alice.say("n6", in: conversation)
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.errorCode == "chat_rate_limited")
            #expect(Int(sixth.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1)
            #expect(try await ChatMessage.query(on: app.db).count() == 5, "refused, not silently stored or dropped")
            #expect(try await bob.say("bob is not limited by alice", in: conversation).status == .created)
            // Five seconds on, Alice may write again.
            clock.advance(by: ChatService.floodRule.window + 0.1)
            #expect(try await alice.say("n7", in: conversation).status == .created)
        }
    }

    @Test func messageText_isTrimmed_boundedAndReturnedVerbatim() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            for bad in ["", "   \n\t ", String(repeating: "a", count: 2001), "bell\u{07}"] {
                let response = try await alice.say(bad, in: conversation)
                #expect(response.status == .badRequest, "\(bad.count) characters")
                #expect(response.errorFields["text"] != nil)
            }
            #expect(
                try await alice.send(.POST, "/api/chat/conversations/\(conversation)/messages", json: ["body": "x"]).errorFields["text"]
                    != nil)
            #expect(try await alice.say(String(repeating: "é", count: 2000), in: conversation).status == .created)
            let markup = "<script>alert('x')</script><b>bold</b> & <img src=x onerror=alert(1)>"
            let sent = try await alice.say(markup, in: conversation)
            #expect(try sent.decode(ChatMessageDTO.self).text == markup)
            let page = try await bob.send(.GET, "/api/chat/conversations/\(conversation)/messages").decode(ChatMessagePageDTO.self)
            #expect(page.items.last?.text == markup)
            #expect(try await ChatMessage.query(on: app.db).sort(\.$id, .descending).first()?.body == markup)
            #expect(
                try await alice.send(.POST, "/api/chat/conversations/\(conversation)/read", json: ["messageId": -1]).errorFields[
                    "messageId"] != nil)
        }
    }

    @Test func rooms_takeOnlyFriends_deliverToMembers_andSkipMembersWhoBlockedTheSender() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let carol = try await Browser.signedUp(app, "carol")
            _ = try await Browser.signedUp(app, "dave")
            try await alice.befriend(bob, named: "bob", me: "alice")
            try await alice.befriend(carol, named: "carol", me: "alice")
            let notFriend = try await alice.send(.POST, "/api/chat/rooms", json: ["name": "Team", "members": ["bob", "dave"]])
            #expect(notFriend.status == .badRequest)
            #expect(notFriend.errorCode == "cannot_invite")
            #expect(notFriend.errorFields["members"] != nil)
            #expect(try await alice.send(.POST, "/api/chat/rooms", json: ["name": "   "]).errorFields["name"] != nil)
            #expect(
                try await alice.send(.POST, "/api/chat/rooms", json: ["name": String(repeating: "r", count: 41)]).errorFields["name"] != nil
            )
            #expect(try await Conversation.query(on: app.db).count() == 0, "a refused room is not half made")

            let created = try await alice.send(.POST, "/api/chat/rooms", json: ["name": "Team", "members": ["bob"]])
            #expect(created.status == .created)
            let room = try created.decode(ConversationDTO.self).id.uuidString
            #expect(try await alice.send(.POST, "/api/chat/conversations/\(room)/members", json: ["username": "carol"]).status == .ok)
            #expect(
                try await alice.send(.POST, "/api/chat/conversations/\(room)/members", json: ["username": "carol"]).errorCode
                    == "already_member")
            let bobNews = try await bob.send(.GET, "/api/notifications").decode(NotificationPageDTO.self).items
            #expect(bobNews.contains { $0.kind == .roomInvite })

            try await carol.send(.PUT, "/api/blocks/bob")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), carolTab = try await carol.socket(port: port)
                try await carolTab.next(ServerEvent.hello)
                #expect(try await bob.say("hi room", in: room).status == .created)
                try await aliceTab.waitUntil("bob's message") { aliceTab.all(ServerEvent.message).contains { $0.text == "hi room" } }
                #expect(try await alice.say("hi all", in: room).status == .created)
                try await carolTab.waitUntil("alice's message") { carolTab.all(ServerEvent.message).contains { $0.text == "hi all" } }
                #expect(!carolTab.all(ServerEvent.message).contains { $0.text == "hi room" }, "carol blocked bob")
                await aliceTab.close()
                await carolTab.close()
            }
            let carolPage = try await carol.send(.GET, "/api/chat/conversations/\(room)/messages").decode(ChatMessagePageDTO.self).items
            #expect(!carolPage.contains { $0.text == "hi room" })
            #expect(carolPage.contains { $0.kind == .system })

            #expect(try await bob.send(.DELETE, "/api/chat/conversations/\(room)/members/me").status == .noContent)
            #expect(try await bob.say("still here?", in: room).errorCode == "conversation_not_found")
            let direct = try await alice.directConversation(with: "bob")
            #expect(try await alice.send(.DELETE, "/api/chat/conversations/\(direct)/members/me").errorCode == "not_a_room")
        }
    }

    @Test func typing_reachesTheOtherMember_andIsRefusedOutsideTheConversation() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            let bob = try await Browser.signedUp(app, "bob")
            let carol = try await Browser.signedUp(app, "carol")
            let conversation = try await alice.directConversation(with: "bob")
            try await withRunningServer(app) { port in
                let aliceTab = try await alice.socket(port: port), bobTab = try await bob.socket(port: port)
                let carolTab = try await carol.socket(port: port)
                try await bobTab.next(ServerEvent.hello)
                try aliceTab.send("typing", ["conversation": conversation])
                let typing = try await bobTab.next(ServerEvent.typing)
                #expect(typing.user == "alice")
                try carolTab.send("typing", ["conversation": conversation])
                #expect(try await carolTab.next(ServerEvent.error).code == "conversation_not_found")
                try carolTab.send("typing", ["conversation": "nope"])
                #expect(try await carolTab.next(ServerEvent.error, count: 2).code == "invalid_message")
                #expect(bobTab.all(ServerEvent.typing).count == 1)
                for socket in [aliceTab, bobTab, carolTab] { await socket.close() }
            }
        }
    }
}

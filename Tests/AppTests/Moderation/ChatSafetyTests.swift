import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct ChatSafetyTests {
    /// Carol hides Bob in their room: his room lines no longer reach her, live or in the history;
    /// his direct messages still do (hiding is not blocking), and showing him again brings them back.
    @Test func hidingASender_removesTheirRoomMessagesOnly() async throws {
        try await withTestApp { app in
            let players = try await friends(app, "carol", "bob", "alice")
            let (carol, bob, alice) = (players[0], players[1], players[2])
            try await bob.befriend(alice, named: "alice", me: "bob")
            let created = try await carol.send(.POST, "/api/chat/rooms", json: ["name": "Club", "members": ["bob", "alice"]])
            #expect(created.status == .created, "\(created.body.string)")
            let room = try created.decode(ConversationDTO.self).id.uuidString
            #expect(try await carol.send(.PUT, "/api/chat/hidden/bob").status == .noContent)
            #expect(try await carol.send(.PUT, "/api/chat/hidden/Bob").status == .noContent, "hiding twice is the same")
            #expect(try await carol.send(.GET, "/api/chat/hidden").decode(HiddenSendersController.HiddenDTO.self).usernames == ["bob"])
            try await withRunningServer(app) { port in
                let tab = try await carol.socket(port: port)
                try await tab.next(ServerEvent.hello)
                #expect(try await bob.say("spam spam", in: room).status == .created)
                #expect(try await alice.say("hi all", in: room).status == .created)
                let heard = try await tab.next(ServerEvent.message)
                #expect(heard.text == "hi all", "Bob's line never reached Carol's tab")
                let direct = try await bob.directConversation(with: "carol")
                #expect(try await bob.say("psst", in: direct).status == .created)
                #expect(try await tab.next(ServerEvent.message, count: 2).text == "psst")
                await tab.close()
            }
            let page = try await carol.send(.GET, "/api/chat/conversations/\(room)/messages").decode(ChatMessagePageDTO.self)
            #expect(!page.items.contains { $0.text == "spam spam" } && page.items.contains { $0.text == "hi all" })
            // Nor do they count as unread, or show in the room's preview.
            let listed = try await carol.send(.GET, "/api/chat/conversations/\(room)").decode(ConversationDTO.self)
            #expect(listed.lastMessage?.text == "hi all")
            #expect(try await bob.say("more spam", in: room).status == .created)
            let later = try await carol.send(.GET, "/api/chat/conversations/\(room)").decode(ConversationDTO.self)
            #expect(later.unread == listed.unread && later.lastMessage?.text == "hi all")
            // Alice still reads everyone.
            let alices = try await alice.send(.GET, "/api/chat/conversations/\(room)/messages").decode(ChatMessagePageDTO.self)
            #expect(alices.items.contains { $0.text == "spam spam" })
            #expect(try await carol.send(.DELETE, "/api/chat/hidden/bob").status == .noContent)
            let again = try await carol.send(.GET, "/api/chat/conversations/\(room)/messages").decode(ChatMessagePageDTO.self)
            #expect(again.items.contains { $0.text == "spam spam" })
            // Bad input.
            let me = try await carol.send(.PUT, "/api/chat/hidden/carol")
            #expect(me.status == .badRequest && me.errorCode == "cannot_hide_yourself")
            #expect(try await carol.send(.PUT, "/api/chat/hidden/nobody").errorCode == "user_not_found")
            #expect(try await Browser(app).send(.PUT, "/api/chat/hidden/bob").status == .unauthorized)
        }
    }

    /// An account under a day old writes links that are shown as text; a day later, as links.
    @Test func aNewAccountsLinksAreShownAsText() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let players = try await friends(app, "alice", "bob")
            let conversation = try await players[0].directConversation(with: "bob")
            // The accounts' creation is stamped by the database's clock: the test clock starts there.
            let created = try #require(try await User.query(on: app.db).filter(\.$username == "alice").first()?.createdAt)
            clock.advance(by: created.timeIntervalSince(clock.now) + 60)
            let early = try await players[0].say("see https://example.com", in: conversation).decode(ChatMessageDTO.self)
            #expect(early.linksAsText)
            clock.advance(by: ChatText.newAccountLinkAge)
            let later = try await players[0].say("see https://example.com", in: conversation).decode(ChatMessageDTO.self)
            #expect(!later.linksAsText)
            // The history says the same of each.
            let page = try await players[1].send(.GET, "/api/chat/conversations/\(conversation)/messages").decode(ChatMessagePageDTO.self)
            #expect(page.items.map(\.linksAsText) == [true, false])
        }
    }
}

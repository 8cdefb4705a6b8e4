import Fluent
import Foundation
import Testing
import VaporTesting

@testable import App

/// A send whose answer was lost is retried with the same client key: stored once, delivered once.
@Suite struct ChatRetryTests {
    private func send(_ browser: Browser, _ text: String, key: String?, in conversation: String) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["text": text]
        if let key { body["clientKey"] = key }
        return try await browser.send(.POST, "/api/chat/conversations/\(conversation)/messages", json: body)
    }

    @Test func aRetriedSend_withTheSameKey_isStoredAndDeliveredOnce_andAnswersWithTheStoredMessage() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice"), bob = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            try await withRunningServer(app) { port in
                let bobTab = try await bob.socket(port: port)
                try await bobTab.next(ServerEvent.hello)
                let first = try await send(alice, "are you there?", key: "5b1f0c4e-retry-key", in: conversation)
                #expect(first.status == .created)
                let retried = try await send(alice, "are you there?", key: "5b1f0c4e-retry-key", in: conversation)
                #expect(retried.status == .ok)
                #expect(try retried.decode(ChatMessageDTO.self).id == first.decode(ChatMessageDTO.self).id)
                #expect(try await send(alice, "hello?", key: "a-second-message-key", in: conversation).status == .created)
                // The next message Bob's tab hears after the first is the second one: the retry was not sent again.
                #expect(try await bobTab.next(ServerEvent.message, count: 2).text == "hello?")
                #expect(bobTab.all(ServerEvent.message).map(\.text) == ["are you there?", "hello?"])
                await bobTab.close()
            }
            #expect(try await ChatMessage.query(on: app.db).filter(\.$body == "are you there?").count() == 1)
        }
    }

    /// Five: the flood limit (5 in 5 s) counts copies that arrive before the first is stored.
    @Test func fiveCopiesOfOneSend_arrivingAtOnce_storeExactlyOne() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            _ = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            let cookie = alice.cookie
            let statuses = try await concurrently(5) { _ in
                let copy = Browser(app)
                copy.cookie = cookie
                let body: [String: Any] = ["text": "only once", "clientKey": "same-key-for-all-five"]
                return try await copy.send(.POST, "/api/chat/conversations/\(conversation)/messages", json: body).status.code
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 200 }.count == 4)
            #expect(try await ChatMessage.query(on: app.db).filter(\.$body == "only once").count() == 1)
        }
    }

    @Test(arguments: ["short", "has spaces in it", "semicolon;key;here", String(repeating: "k", count: 65)])
    func aMalformedKey_isRefusedOnItsField(key: String) async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            _ = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            let response = try await send(alice, "hi", key: key, in: conversation)
            #expect(response.status == .badRequest)
            #expect(response.errorFields["clientKey"] != nil)
        }
    }

    @Test func aKeyReusedForOtherWords_isRefused_andStoresNothing() async throws {
        try await withTestApp { app in
            let alice = try await Browser.signedUp(app, "alice")
            _ = try await Browser.signedUp(app, "bob")
            let conversation = try await alice.directConversation(with: "bob")
            #expect(try await send(alice, "first words", key: "reused-key-0001", in: conversation).status == .created)
            let reused = try await send(alice, "other words", key: "reused-key-0001", in: conversation)
            #expect(reused.status == .badRequest && reused.errorFields["clientKey"] != nil)
            #expect(try await ChatMessage.query(on: app.db).filter(\.$body == "other words").count() == 0)
        }
    }
}

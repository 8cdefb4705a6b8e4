import Foundation
import Testing
import VaporTesting

@testable import App

extension Browser {
    /// Makes `self` (signed in as `me`) and `other` (signed in as `otherName`) friends.
    func befriend(_ other: Browser, named otherName: String, me: String) async throws {
        let request = try await send(.POST, "/api/friends/requests", json: ["username": otherName])
        #expect(request.status == .created, "\(request.body.string)")
        let accept = try await other.send(.POST, "/api/friends/requests/\(me)/accept")
        #expect(accept.status == .ok, "\(accept.body.string)")
    }

    /// Opens (or finds) the direct conversation with `username` and returns its id.
    func directConversation(with username: String) async throws -> String {
        let response = try await send(.POST, "/api/chat/direct", json: ["username": username])
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.decode(ConversationDTO.self).id.uuidString
    }

    @discardableResult
    func say(_ text: String, in conversation: String) async throws -> TestingHTTPResponse {
        try await send(.POST, "/api/chat/conversations/\(conversation)/messages", json: ["text": text])
    }

    func friendsOverview() async throws -> FriendsOverviewDTO {
        try await send(.GET, "/api/friends").decode(FriendsOverviewDTO.self)
    }

    func names(_ list: KeyPath<FriendsOverviewDTO, [FriendDTO]>, in overview: FriendsOverviewDTO) -> [String] {
        overview[keyPath: list].map(\.user.username)
    }

    func names(_ list: KeyPath<FriendsOverviewDTO, [FriendRequestDTO]>, in overview: FriendsOverviewDTO) -> [String] {
        overview[keyPath: list].map(\.user.username)
    }
}

extension Browser {
    /// A new browser signed up (and so signed in) as `username`.
    static func signedUp(_ app: Application, _ username: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signUp(username)
        return browser
    }
}

/// The race tests send from two browsers at once. Each one's cookie is set
/// before the race and no request in it changes a cookie.
extension Browser: @unchecked Sendable {}

/// Runs `body` in parallel `count` times and returns the statuses.
func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> UInt) async throws -> [UInt] {
    try await withThrowingTaskGroup(of: UInt.self) { group in
        for index in 0..<count { group.addTask { try await body(index) } }
        return try await group.reduce(into: []) { $0.append($1) }
    }
}

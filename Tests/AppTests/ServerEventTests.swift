import Foundation
import Testing

@testable import App

/// Every event the server can send is documented where clients look for it.
@Suite struct ServerEventTests {
    /// The "Server: …" list in the OpenAPI description of `/api/ws`.
    private func documentedServerEvents() throws -> String {
        let buffer = try OpenAPIController.loadDocument()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let socket = try #require((paths["/api/ws"] as? [String: Any])?["get"] as? [String: Any])
        let description = try #require(socket["description"] as? String)
        let start = try #require(description.range(of: "Server: "))
        let end = try #require(description.range(of: "Snapshots are", range: start.upperBound..<description.endIndex))
        return String(description[start.upperBound..<end.lowerBound])
    }

    @Test(arguments: ServerEvent.Kind.allCases)
    func everyEvent_isDocumentedInTheSocketDescription(kind: ServerEvent.Kind) throws {
        let listed = try documentedServerEvents()
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "" }
        #expect(listed.contains(kind.rawValue), "\(kind.rawValue) is not in the OpenAPI description of /api/ws")
    }

    @Test func everyEvent_isOnTheWireAsItsKind() throws {
        let samples: [ServerEvent] = [
            .hello(user: "alice"), .pong(at: 1), .error(.rateLimited), .gameReplaced(game: UUID()),
            .paused(PausedEvent(reason: "player", by: nil, secondsLeft: nil)),
            .resumed, .notificationsRead(NotificationsReadDTO(unread: 2))
        ]
        for event in samples {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(event.json().utf8)) as? [String: Any])
            #expect(object["t"] as? String == event.kind.rawValue)
            #expect(object["d"] is [String: Any])
        }
    }
}

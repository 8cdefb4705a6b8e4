import Foundation
import NIOCore
import PongCore
import Testing

@testable import App

/// Every event is declared once (`ServerEvents.swift`); what clients read of them is made from the
/// declarations and checked here against what is committed.
@Suite struct ServerEventTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardizedFileURL

    @Test func everyDeclaredEvent_isInTheList_onceAndInSnakeCase() throws {
        let source = try String(
            contentsOf: Self.root.appendingPathComponent("Sources/App/Features/Realtime/ServerEvents.swift"), encoding: .utf8)
        let declared = source.matches(of: /static let (\w+) = EventType</).map { String($0.output.1) }
        #expect(declared.count == ServerEvent.all.count)
        #expect(Set(declared) == Set(ServerEvent.all.map(\.key)), "declared but missing from ServerEvent.all, or the other way")
        let names = ServerEvent.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names { #expect(name.wholeMatch(of: /[a-z]+(_[a-z]+)*/) != nil, "\(name) is not snake_case") }
    }

    @Test func theBrowsersList_isTheGeneratedOne() throws {
        let committed = try String(
            contentsOf: Self.root.appendingPathComponent("Public/" + RealtimeCatalogue.javaScriptPath), encoding: .utf8)
        #expect(
            committed == RealtimeCatalogue.javaScript(),
            "Public/js/realtime-events.js drifted: run TRANSCENDENCE_DEV_COMMANDS=1 swift run transcendence realtime-events")
    }

    @Test func theSocketDescription_listsEveryEvent_andTheSnapshotLayout() throws {
        let buffer = try OpenAPIController.loadDocument()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let socket = try #require((paths["/api/ws"] as? [String: Any])?["get"] as? [String: Any])
        let description = try #require(socket["description"] as? String)
        #expect(!description.contains("{{"), "a placeholder was left unfilled")
        for event in ServerEvent.all { #expect(description.contains("\(event.name) \(event.payload) (\(event.meaning))")) }
        for field in SnapshotFrame.layout { #expect(description.contains("\(field.name) \(field.type.rawValue) at \(field.offset)")) }
    }

    @Test func anEvent_isOnTheWireAsItsNameAndAnObject() throws {
        let samples: [ServerEvent] = [
            .hello(HelloEvent(user: "alice")), .pong(PongReply(at: 1)), .error(.rateLimited),
            .gameReplaced(GameReplacedEvent(game: UUID())), .paused(PausedEvent(reason: "player", by: nil, secondsLeft: nil)),
            .resumed(), .notificationsRead(NotificationsReadDTO(unread: 2)),
            .matchFound(MatchFoundDTO(game: UUID(), opponent: "bob", opponentRating: 1500))
        ]
        for event in samples {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(event.json().utf8)) as? [String: Any])
            #expect(object["t"] as? String == event.name)
            #expect(object["d"] is [String: Any])
        }
        #expect(ServerEvent.matchFound.name == "match_found" && ServerEvent.gameReplaced.name == "game_replaced")
    }

    // MARK: The snapshot

    /// Frames of a real game, from the Swift encoder: the browser's decoder is checked against the
    /// same file (e2e/test_modules.py).
    static func sampleFrames() -> [(hex: String, values: [String: Double])] {
        var engine = PongGame(seed: 7)
        var frames: [(String, [String: Double])] = []
        let samples: [(Int, Int, SnapshotFrame.Phase, SnapshotFrame.Keys, SnapshotFrame.Kind)] = [
            (0, 0, .countdown, .init(left: .none, right: .none, frozen: true), .keyframe),
            (150, 12, .playing, .init(left: .up, right: .down, frozen: false), .keyframe),
            (300, 40, .playing, .init(left: .down, right: .none, frozen: false), .truth),
            (420, 70_000, .paused, .init(left: .none, right: .up, frozen: true), .keyframe)
        ]
        for (tick, lastInput, phase, keys, kind) in samples {
            while engine.snapshot.tick < tick { _ = engine.step(left: tick % 2 == 0 ? .up : .down, right: .down) }
            var buffer = ByteBuffer()
            SnapshotFrame.stamp(
                SnapshotFrame.encode(
                    engine.snapshot, kind: kind, phase: phase, countdown: tick == 0 ? 90 : 0, keys: keys, serverTick: tick + 3),
                lastInput: lastInput, into: &buffer)
            let bytes = Array(buffer.readableBytesView)
            frames.append((bytes.map { String(format: "%02x", $0) }.joined(), SnapshotFrame.read(bytes)))
        }
        return frames
    }

    @Test func theKeysByte_holdsBothKeysAndTheStillCourt() {
        for left in [PaddleInput.none, .up, .down] {
            for right in [PaddleInput.none, .up, .down] {
                for frozen in [false, true] {
                    let keys = SnapshotFrame.Keys(left: left, right: right, frozen: frozen)
                    #expect(SnapshotFrame.Keys(byte: keys.byte) == keys)
                }
            }
        }
        #expect(SnapshotFrame.Keys(left: .up, right: .down, frozen: true).byte == 0b1_1001)
    }

    @Test func theSnapshotFrames_matchTheFixture() throws {
        let url = Self.root.appendingPathComponent("Tests/AppTests/Fixtures/snapshot-frames.json")
        let frames = Self.sampleFrames()
        let made = try JSONSerialization.data(
            withJSONObject: frames.map { ["hex": $0.hex, "values": $0.values] }, options: [.prettyPrinted, .sortedKeys])
        if ProcessInfo.processInfo.environment["UPDATE_FIXTURES"] == "1" { try made.write(to: url) }
        let committed = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]] ?? []
        #expect(committed.count == frames.count, "run UPDATE_FIXTURES=1 swift test --filter ServerEventTests")
        for (frame, fixture) in zip(frames, committed) {
            #expect(frame.hex == fixture["hex"] as? String, "the encoder changed: UPDATE_FIXTURES=1 swift test --filter ServerEventTests")
            #expect(frame.hex.count == SnapshotFrame.byteCount * 2)
        }
        let first = try #require(frames.first?.values)
        #expect(first["kind"] == 1 && first["phase"] == 0 && first["countdown"] == 90 && first["tick"] == 3 && first["keys"] == 16)
        #expect(frames[1].values["keys"] == 9 && frames[2].values["kind"] == 3)
        let last = try #require(frames.last?.values)
        #expect(last["phase"] == 2 && last["lastInput"] == 70_000 && last["tick"] == 423)
    }
}

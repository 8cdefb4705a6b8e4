import Foundation

/// What clients are told of the socket, made from the declarations (`ServerEvent.all`,
/// `SnapshotFrame.layout`) so it cannot drift from them: the browser's list of event types
/// (`Public/js/realtime-events.js`) and the server part of the `/api/ws` description.
enum RealtimeCatalogue {
    static let javaScriptPath = "js/realtime-events.js"

    /// The text of `Public/js/realtime-events.js`.
    static func javaScript() -> String {
        let events = ServerEvent.all.map { "  \($0.key): \"\($0.name)\"," }.joined(separator: "\n")
        let fields = SnapshotFrame.layout.map { "    [\"\($0.name)\", \($0.offset), \"\($0.type.rawValue)\"]," }
            .joined(separator: "\n")
        let phases = SnapshotFrame.Phase.allCases.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            // Generated from Sources/App/Features/Realtime/ServerEvents.swift and SnapshotFrame.swift by
            // `TRANSCENDENCE_DEV_COMMANDS=1 swift run transcendence realtime-events`: do not edit (a test fails when it drifts).
            // Subscribe through these names: realtime.on(ServerEvents.matchFound, …).

            /// The type of every message the server sends, by the name the code uses.
            export const ServerEvents = Object.freeze({
            \(events)
            });

            /// The binary snapshot: little-endian fields as [name, offset, type].
            export const SNAPSHOT = Object.freeze({
              kind: \(SnapshotFrame.kind),
              byteCount: \(SnapshotFrame.byteCount),
              phases: [\(phases)],
              fields: [
            \(fields)
              ],
            });

            """
    }

    /// "hello {user} (the socket is open, for this player), …".
    static func serverEvents() -> String {
        ServerEvent.all.map { "\($0.name) \($0.payload) (\($0.meaning))" }.joined(separator: ", ")
    }

    /// "kind u8 at 0 (1 = snapshot), …".
    static func snapshotLayout() -> String {
        SnapshotFrame.layout.map { "\($0.name) \($0.type.rawValue) at \($0.offset) (\($0.meaning))" }.joined(separator: ", ")
    }

    /// Fills the placeholders of the hand-written OpenAPI document.
    static func fill(_ document: String) -> String {
        document.replacingOccurrences(of: "{{server-events}}", with: serverEvents())
            .replacingOccurrences(of: "{{snapshot-layout}}", with: snapshotLayout())
    }
}

import Vapor

/// `TRANSCENDENCE_DEV_COMMANDS=1 swift run transcendence realtime-events`: rewrites `Public/js/realtime-events.js` from the
/// server's declarations, after an event is added or the snapshot layout changes.
struct RealtimeEventsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Rewrites Public/js/realtime-events.js from the server's event declarations" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let path = context.application.directory.publicDirectory + RealtimeCatalogue.javaScriptPath
        try RealtimeCatalogue.javaScript().write(toFile: path, atomically: true, encoding: .utf8)
        context.console.print("Wrote \(path)")
    }
}

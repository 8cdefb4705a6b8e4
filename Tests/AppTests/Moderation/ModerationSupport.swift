import ConsoleKit
import Foundation
import Testing
import Vapor

@testable import App

/// Runs `transcendence role <arguments…>` against the test app, as an operator would; its output.
@discardableResult
func roleCommand(_ app: Application, _ arguments: String...) async throws -> String {
    let console = RecordingConsole()
    var context = CommandContext(console: console, input: CommandInput(arguments: ["transcendence"] + arguments))
    context.application = app
    try await RoleCommands().run(using: &context)
    return console.output
}

/// A console that keeps what a command prints.
final class RecordingConsole: Console, @unchecked Sendable {
    private(set) var output = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {
        output += text.description + (newLine ? "\n" : "")
    }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) {
        output += error + (newLine ? "\n" : "")
    }
}

extension Browser {
    /// A moderation action that must succeed.
    func moderate(_ username: String, _ action: String, _ body: [String: Any]) async throws {
        let response = try await send(.POST, "/api/moderation/players/\(username)/\(action)", json: body)
        #expect(response.status == .ok, "\(action): \(response.body.string)")
    }

    func openReports() async throws -> [ReportInContextDTO] {
        try await send(.GET, "/api/moderation/reports").decode([ReportInContextDTO].self)
    }
}

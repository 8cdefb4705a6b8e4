import Foundation
import Testing

/// A client branches on an error's `code`: the same code must come with the same status from every
/// feature's catalogue (and from anywhere else an `AppError` is made).
@Suite struct ErrorCataloguesTests {
    @Test func everyErrorCode_hasOneStatus() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/App").standardizedFileURL
        var statuses: [String: Set<String>] = [:]
        var places: [String: Set<String>] = [:]
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let file as URL in walker where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            // AppError(status: .notFound, code: "user_not_found", …)
            for match in text.matches(of: /status:\s*\.(\w+),\s*code:\s*"(\w+)"/) {
                statuses[String(match.output.2), default: []].insert(String(match.output.1))
                places[String(match.output.2), default: []].insert(file.lastPathComponent)
            }
            // AppError.field(name, problem, code: "…") is always a 400.
            for match in text.matches(of: /\.field\([^\n]*?code:\s*"(\w+)"/) {
                statuses[String(match.output.1), default: []].insert("badRequest")
                places[String(match.output.1), default: []].insert(file.lastPathComponent)
            }
        }
        #expect(statuses.count > 50, "the scan found the catalogues")
        for (code, found) in statuses.sorted(by: { $0.key < $1.key }) {
            #expect(
                found.count == 1,
                "\(code) is \(found.sorted().joined(separator: " and ")) (in \(places[code, default: []].sorted().joined(separator: ", ")))"
            )
        }
    }
}

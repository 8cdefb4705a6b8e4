import App
import Foundation
import Vapor

var env = try Environment.detect()
if Environment.get("LOG_FORMAT") == "json" {
    // One JSON object per line for a log shipper; the level still follows LOG_LEVEL.
    let level = Environment.get("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
} else {
    try LoggingSystem.bootstrap(from: &env)
}
let app = try await Application.make(env)
do {
    try await configure(app)
    try await app.execute()
} catch {
    // An operator's mistake or a busy port: one clear line and an exit status, never a backtrace.
    let problem = StartupError.explain(error, port: app.http.server.configuration.port)
    FileHandle.standardError.write(Data("transcendence: \(problem)\n".utf8))
    try? await app.asyncShutdown()
    exit(problem.exitStatus)
}
try await app.asyncShutdown()

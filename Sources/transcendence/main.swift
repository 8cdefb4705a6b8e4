import App
import Foundation
import Vapor

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
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

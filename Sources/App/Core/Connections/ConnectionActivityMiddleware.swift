import Vapor

/// Tells the gate when a connection has a request in flight, so only idle ones make room.
struct ConnectionActivityMiddleware: AsyncMiddleware {
    let gate: ConnectionGate

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let address = request.remoteAddress else { return try await next.respond(to: request) }
        gate.requestStarted(from: address)
        defer { gate.requestFinished(from: address) }
        return try await next.respond(to: request)
    }
}

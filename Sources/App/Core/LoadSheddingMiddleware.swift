import NIOConcurrencyHelpers
import Vapor

/// Bounds the HTTP requests being served at once. On a starved machine requests pile up; past the
/// bound a new one is refused at once with 503 `server_busy` and `Retry-After`, so a client learns
/// in milliseconds that it should come back, instead of waiting half a minute for a timeout while
/// it adds to the pile. `/api/health` is never refused: a load balancer must see the server answer.
final class LoadSheddingMiddleware: AsyncMiddleware, Sendable {
    let limit: Int
    private let state = NIOLockedValueBox((inFlight: 0, refused: 0))

    init(limit: Int) {
        self.limit = limit
    }

    var inFlight: Int { state.withLockedValue { $0.inFlight } }
    /// Requests refused since start.
    var refused: Int { state.withLockedValue { $0.refused } }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path == "/api/health" { return try await next.respond(to: request) }
        let admitted = state.withLockedValue { state -> Bool in
            guard state.inFlight < limit else {
                state.refused += 1
                return false
            }
            state.inFlight += 1
            return true
        }
        guard admitted else { throw AppError.serverBusy }
        defer { state.withLockedValue { $0.inFlight -= 1 } }
        return try await next.respond(to: request)
    }
}

extension Application {
    private struct LoadSheddingKey: StorageKey { typealias Value = LoadSheddingMiddleware }

    var loadShedding: LoadSheddingMiddleware {
        get { storage[LoadSheddingKey.self] ?? LoadSheddingMiddleware(limit: .max) }
        set { storage[LoadSheddingKey.self] = newValue }
    }
}

import Foundation
import Vapor

/// The id of the request being served, for everything it causes: its log lines, the `X-Request-Id`
/// answer header, and the bus events it publishes (which carry it to the instances that deliver them).
enum RequestID {
    @TaskLocal static var current: String?

    /// A proxy's or client's id is kept when it is a plain token (nginx's `$request_id` is 32 hex
    /// digits); anything else is replaced, so nobody writes arbitrary text into the logs.
    static func accepting(_ offered: String?) -> String {
        if let offered, (1...64).contains(offered.count),
            offered.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        {
            return offered
        }
        return UUID().uuidString.lowercased()
    }
}

/// One line per request, when its answer is ready: method, route template, status, duration,
/// instance and request id (structured metadata: JSON fields when `LOG_FORMAT=json`).
struct RequestLogMiddleware: AsyncMiddleware {
    let instanceID: String

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = RequestID.accepting(request.headers.first(name: .xRequestId))
        request.logger[metadataKey: "request-id"] = .string(id)
        request.logger[metadataKey: "instance"] = .string(instanceID)
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await RequestID.$current.withValue(id) { try await next.respond(to: request) }
        } catch {
            // The error middleware inside turns every error into an answer; this is only a safety net.
            log(request, status: 500, since: started)
            throw error
        }
        response.headers.replaceOrAdd(name: .xRequestId, value: id)
        log(request, status: Int(response.status.code), since: started)
        return response
    }

    private func log(_ request: Request, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unrouted"
        request.logger.info(
            "\(request.method.rawValue) \(request.url.path) \(status)",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(status),
                "duration_ms": .string(String(format: "%.2f", milliseconds))
            ])
    }
}

import Vapor

/// Refuses request lines no real page makes, before they reach the file system or the router:
/// a path over 2 KiB is 414; a path segment over 255 bytes (no file or route has one) is 404
/// rather than a failed `stat`; TRACE, TRACK and CONNECT are 405 (nothing here echoes requests).
struct RequestLineLimitsMiddleware: AsyncMiddleware {
    static let maximumPathBytes = 2_048
    static let maximumSegmentBytes = 255
    static let refusedMethods: Set<String> = ["TRACE", "TRACK", "CONNECT"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.refusedMethods.contains(request.method.rawValue.uppercased()) {
            throw AppError(
                status: .methodNotAllowed, code: "method_not_allowed", message: "This method is not allowed here.",
                headers: ["Allow": "GET, HEAD, POST, PUT, PATCH, DELETE"])
        }
        let path = request.url.path
        if path.utf8.count > Self.maximumPathBytes {
            throw AppError(status: .uriTooLong, code: "uri_too_long", message: "This address is too long.")
        }
        if path.split(separator: "/").contains(where: { $0.utf8.count > Self.maximumSegmentBytes }) {
            throw AppError.notFound
        }
        return try await next.respond(to: request)
    }
}

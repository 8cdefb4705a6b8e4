import Vapor

/// Cross-site request forgery defence for every state-changing API call.
///
/// A browser will not add a custom header to a cross-site request without a
/// CORS preflight, which this server never grants, so requiring one blocks
/// forged form posts. The `Origin` (and `Sec-Fetch-Site`) check is the second
/// lock in case a future change allows some cross-origin traffic.
struct CSRFMiddleware: AsyncMiddleware {
    static let headerName = "X-Requested-With"
    static let headerValue = "transcendence"

    /// Origins allowed besides the one the request was addressed to.
    let trustedOrigins: Set<String>

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.changesState(request.method) {
            try check(request)
        }
        return try await next.respond(to: request)
    }

    static func changesState(_ method: HTTPMethod) -> Bool {
        ![.GET, .HEAD, .OPTIONS].contains(method)
    }

    private func check(_ request: Request) throws {
        let forbidden = AppError(
            status: .forbidden, code: "csrf_failed",
            message: "This request did not come from the Transcendence site.")
        if request.headers.first(name: "Sec-Fetch-Site") == "cross-site" {
            throw forbidden
        }
        if let origin = request.headers.first(name: .origin),
            !Self.isAllowed(origin: origin, request: request, trustedOrigins: trustedOrigins)
        {
            throw forbidden
        }
        guard request.headers.first(name: Self.headerName) == Self.headerValue else {
            throw forbidden
        }
    }

    /// The Origin is this site (or one configured as trusted). The WebSocket upgrade uses it too.
    static func isAllowed(origin: String, request: Request, trustedOrigins: Set<String>) -> Bool {
        if trustedOrigins.contains(origin) { return true }
        // Same origin: the Origin's authority must be the Host the request was sent to.
        guard let host = request.headers.first(name: .host),
            let url = URL(string: origin), let originHost = url.host
        else { return false }
        let authority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return authority.lowercased() == host.lowercased()
    }
}

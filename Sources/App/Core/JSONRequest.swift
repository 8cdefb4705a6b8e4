import Vapor

extension Request {
    /// Vapor enforces this while reading the body from the socket; checking again
    /// here keeps the rule true however the body arrived.
    static let maximumJSONBytes = 16 * 1024

    /// Decodes a JSON body, refusing other content types (415) and empty or
    /// malformed bodies (400, with the field named where there is one).
    func decodeJSON<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        guard let contentType = headers.contentType, contentType.type == "application", contentType.subType == "json" else {
            throw AppError(
                status: .unsupportedMediaType, code: "unsupported_media_type",
                message: "Send JSON with Content-Type: application/json.")
        }
        guard let body = body.data, body.readableBytes > 0 else {
            throw AppError(status: .badRequest, code: "invalid_json", message: "The request body is empty.")
        }
        guard body.readableBytes <= Self.maximumJSONBytes else { throw AppError.payloadTooLarge }
        return try JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    /// The client's address: as this server saw it, or as a trusted proxy (`TRUSTED_PROXIES`) saw it.
    /// Nobody else's forwarding headers are believed: a client could name any address.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        guard application.config.trustedProxies.contains(peer),
            let forwarded = headers.first(name: "X-Real-IP")?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty,
            forwarded.count <= 45
        else { return peer }
        return forwarded
    }

    /// Came through a proxy: not a caller on this machine, whatever the socket's address.
    var isProxied: Bool {
        headers.contains(name: "X-Real-IP") || headers.contains(name: .xForwardedFor) || headers.contains(name: "Forwarded")
    }
}

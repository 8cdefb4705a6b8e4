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

    /// The client's address as this server saw it (no proxy headers are trusted).
    var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }
}

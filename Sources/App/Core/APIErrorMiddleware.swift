import Vapor

/// Turns every thrown error into the single JSON error shape. Client mistakes
/// keep their 4xx status; anything unexpected is logged and answered with a
/// generic 500 that reveals nothing about the server.
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let (status, english, headers) = describe(error, request: request)
        // The code stays as it is for clients to match on; the words are the reader's.
        let body = localized(english, to: request.language)
        var responseHeaders = headers
        responseHeaders.contentType = .json
        responseHeaders.replaceOrAdd(name: .cacheControl, value: "no-store")
        let response = Response(status: status, headers: responseHeaders)
        do {
            response.body = try .init(data: JSONEncoder.api.encode(ErrorEnvelope(error: body)))
        } catch {
            response.body = .init(string: #"{"error":{"code":"internal_error","message":"Something went wrong."}}"#)
        }
        return response
    }

    private static func describe(
        _ error: any Error, request: Request
    ) -> (HTTPResponseStatus, ErrorEnvelope.Body, HTTPHeaders) {
        switch error {
        case let error as AppError:
            return (
                error.status,
                .init(
                    code: error.code, message: error.message,
                    fields: error.fields.isEmpty ? nil : error.fields, until: error.until), error.headers
            )
        case let error as DecodingError:
            let (field, problem) = Self.explain(error)
            return (
                .badRequest,
                .init(
                    code: "invalid_json", message: problem,
                    fields: field.map { [$0: problem] }), [:]
            )
        case let error as any AbortError:
            let status = error.status
            if status.code >= 500 {
                request.logger.report(error: error)
            }
            return (
                status,
                .init(
                    code: Self.code(for: status), message: Self.message(for: status),
                    fields: nil), error.headers
            )
        case _ where TransientDatabaseError.isTransient(error):
            // The database stayed busy past what a request may wait: say so, never 500.
            request.logger.warning("Refused with 503, database busy: \(String(reflecting: error))")
            return (
                .serviceUnavailable,
                .init(
                    code: AppError.serverBusy.code, message: AppError.serverBusy.message,
                    fields: nil), AppError.serverBusy.headers
            )
        default:
            request.logger.report(error: error)
            return (
                .internalServerError,
                .init(
                    code: "internal_error", message: "Something went wrong on our side.",
                    fields: nil), [:]
            )
        }
    }

    private static func localized(_ body: ErrorEnvelope.Body, to language: String) -> ErrorEnvelope.Body {
        guard language != Localizer.english else { return body }
        let localizer = Localizer.shared
        var translated = ErrorEnvelope.Body(
            code: body.code, message: localizer.translate(body.message, to: language),
            fields: body.fields?.mapValues { localizer.translate($0, to: language) })
        translated.until = body.until
        return translated
    }

    private static func code(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .unauthorized: "unauthenticated"
        case .forbidden: "forbidden"
        case .tooManyRequests: "rate_limited"
        case .badRequest: "bad_request"
        default: status.code >= 500 ? "internal_error" : "bad_request"
        }
    }

    private static func message(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "Nothing here."
        case .payloadTooLarge: "The request body is too large."
        case .unsupportedMediaType: "This content type is not accepted here."
        case .methodNotAllowed: "This method is not allowed here."
        default: status.code >= 500 ? "Something went wrong on our side." : status.reasonPhrase
        }
    }

    /// Names the JSON field a decoding error is about, without echoing the input.
    private static func explain(_ error: DecodingError) -> (String?, String) {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String? {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let joined = keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? nil : joined
        }
        switch error {
        case let .keyNotFound(key, context):
            return (path(context, key), "This field is required.")
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return (path(context), path(context) == nil ? "The body must be a JSON object." : "This field has the wrong type.")
        case let .dataCorrupted(context):
            return (path(context), "The body is not valid JSON.")
        @unknown default:
            return (nil, "The body could not be read.")
        }
    }
}

import NIOCore
import Vapor

/// One file of `Public/` in memory: its bytes, its gzip form when that is smaller, and its validator.
struct StaticAsset: Sendable {
    let body: ByteBuffer
    let gzipped: ByteBuffer?
    /// Weak, since the gzip and plain forms share it: they are the same file.
    let etag: String
    let contentType: HTTPMediaType

    /// Long-lived: the URL names the content (`/assets/<version>/…`), so a new file is a new URL.
    static let immutable = "public, max-age=31536000, immutable"
    /// Kept, but asked about every time (an `If-None-Match` that costs a 304 when nothing changed).
    static let revalidate = "no-cache"

    /// 304 when the browser's copy is current; otherwise the file, gzipped when the browser takes it.
    func response(to request: Request, cacheControl: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
        if gzipped != nil { headers.replaceOrAdd(name: .vary, value: "Accept-Encoding") }
        if let validators = request.headers.first(name: .ifNoneMatch), Self.anyMatches(validators, etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = contentType
        if let gzipped, Self.acceptsGzip(request.headers[.acceptEncoding]) {
            headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
            return Response(status: .ok, headers: headers, body: .init(buffer: gzipped))
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    /// `If-None-Match: W/"a", "b"` or `*`, compared weakly (RFC 9110 §13.1.2).
    static func anyMatches(_ header: String, _ etag: String) -> Bool {
        let ours = opaque(etag)
        return header.split(separator: ",").contains { candidate in
            let value = candidate.trimmingCharacters(in: .whitespaces)
            return value == "*" || opaque(value) == ours
        }
    }

    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
    }

    /// Whether `Accept-Encoding` lets gzip through: named (or `*`) without `q=0`.
    static func acceptsGzip(_ headers: [String]) -> Bool {
        var gzip: Double?, any: Double?
        for coding in headers.flatMap({ $0.split(separator: ",") }) {
            let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = parts.first else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if name == "gzip" || name == "x-gzip" { gzip = quality } else if name == "*" { any = quality }
        }
        return (gzip ?? any ?? 0) > 0
    }
}

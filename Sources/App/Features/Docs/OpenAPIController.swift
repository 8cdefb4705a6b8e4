import Foundation
import Vapor

/// Serves the hand-written OpenAPI 3.1 document of the REST API, with the socket's events filled
/// in from their declarations. A test checks that every registered `/api` route appears in it.
struct OpenAPIController: RouteCollection {
    let document: ByteBuffer

    static func loadDocument() throws -> ByteBuffer {
        guard
            let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "openapi", withExtension: "json")
        else {
            throw Abort(.internalServerError, reason: "openapi.json is missing from the bundle")
        }
        // The socket's events and snapshot layout come from their declarations, never by hand.
        let document = RealtimeCatalogue.fill(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        return ByteBuffer(string: document)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: serve)
    }

    @Sendable func serve(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: document))
    }
}

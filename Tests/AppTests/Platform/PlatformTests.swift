import Foundation
import Testing
import VaporTesting

@testable import App

@Suite struct PlatformTests {
    @Test func health_reportsStatusVersionAndDatabase() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, "/api/health")
            #expect(response.status == .ok)
            let body = try response.decode(HealthDTO.self)
            #expect(body.status == "ok" && body.database == "ok" && body.version == HealthController.version)
        }
    }

    @Test(arguments: ["/api/health", "/api/nope", "/", "/missing.js"])
    func everyResponse_carriesTheSecurityHeaders(path: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, path)
            let csp = try #require(response.headers.first(name: "Content-Security-Policy"))
            for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
                #expect(csp.contains(directive))
            }
            #expect(!csp.contains("unsafe-inline"))
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first(name: "Referrer-Policy") != nil)
            #expect(response.headers.first(name: "Cross-Origin-Opener-Policy") == "same-origin")
            #expect(response.headers.first(name: .server) == nil)
        }
    }

    @Test(arguments: ["/.env", "/.git/config", "/.git/HEAD", "/css/.hidden"])
    func hiddenFiles_areNotFound(path: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, path)
            #expect(response.status == .notFound)
        }
    }

    @Test(arguments: ["/", "/login", "/profile", "/users/alice"])
    func screens_areServedByTheSinglePageApp(path: String) async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, path)
            #expect(response.status == .ok)
            #expect(response.body.string.contains("<script type=\"module\" src=\"/assets/\(app.assets.version)/js/main.js\">"))
        }
    }

    @Test func unknownAPIPaths_answerJSON404() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, "/api/does-not-exist")
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
        }
    }

    /// The document must list every `/api` route the app registers, with its method.
    @Test func openAPI_documentsEveryRegisteredRoute() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.GET, "/api/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var checked = 0
            for route in app.routes.all {
                let parts = route.path.map { component -> String in
                    switch component {
                    case let .constant(value): value
                    case let .parameter(name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }
                guard parts.first == "api" else { continue }
                // Staff routes stay out of the public document: listing them would tell anyone they
                // exist (they answer 404 to everyone but staff). docs/MODERATION.md documents them.
                if parts.dropFirst().first == "moderation" { continue }
                let path = "/" + parts.joined(separator: "/")
                let operations = paths[path]
                #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is not documented")
                checked += 1
            }
            #expect(checked >= 14)
        }
    }
}

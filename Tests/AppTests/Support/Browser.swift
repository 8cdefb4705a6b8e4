import Foundation
import NIOHTTP1
import Testing
import VaporTesting

@testable import App

/// One client with its own cookie jar, speaking to the app like the front end
/// does (JSON, the CSRF header, a same-origin Origin).
final class Browser {
    let app: Application
    var cookie: String?
    var userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36"

    init(_ app: Application) {
        self.app = app
    }

    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, body: ByteBuffer? = nil,
        contentType: String? = nil, headers extra: [(String, String)] = [], csrf: Bool = true
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: .host, value: "127.0.0.1:8080")
        headers.add(name: .userAgent, value: userAgent)
        if csrf {
            headers.add(name: "X-Requested-With", value: "transcendence")
            headers.add(name: .origin, value: "http://127.0.0.1:8080")
        }
        if let cookie { headers.add(name: .cookie, value: "\(SessionService.cookieName)=\(cookie)") }
        var payload = body
        if let json {
            payload = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
            headers.add(name: .contentType, value: contentType ?? "application/json")
        } else if let contentType {
            headers.add(name: .contentType, value: contentType)
        }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: payload)
        if let setCookie = response.headers.setCookie?[SessionService.cookieName] {
            cookie = setCookie.string.isEmpty ? nil : setCookie.string
        }
        return response
    }

    /// Signs up a fresh account (the form, then the code that was emailed) and keeps its session cookie.
    /// Returns the confirmation's answer: 201 with the account.
    @discardableResult
    func signUp(_ username: String, password: String = "a quiet paddle 42", email: String? = nil) async throws -> TestingHTTPResponse {
        let address = email ?? "\(username.lowercased())@example.com"
        let pending = try await send(.POST, "/api/auth/signup", json: ["username": username, "email": address, "password": password])
        #expect(pending.status == .accepted, "signup of \(username): \(pending.body.string)")
        guard pending.status == .accepted, let challenge = try pending.json()["challenge"] as? String else { return pending }
        guard let code = await (try mail).latestSignupCode(to: address) else {
            throw TestSetupError("no sign-up code was emailed to \(address)")
        }
        let response = try await send(.POST, "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
        #expect(response.status == .created, "signup confirmation of \(username): \(response.body.string)")
        return response
    }

    /// The password step alone: answers `second_factor_required` with a challenge when right.
    @discardableResult
    func submitPassword(_ login: String, password: String = "a quiet paddle 42") async throws -> TestingHTTPResponse {
        try await send(.POST, "/api/auth/login", json: ["login": login, "password": password])
    }

    /// A whole login: the password, then the code from the emailed message.
    /// Returns the first response that is not a success, or the final one.
    @discardableResult
    func logIn(_ login: String, password: String = "a quiet paddle 42") async throws -> TestingHTTPResponse {
        let first = try await submitPassword(login, password: password)
        guard first.status == .ok, let challenge = try first.json()["challenge"] as? String else { return first }
        guard let code = await (try mail).latestLoginCode() else { throw TestSetupError("no login code was emailed") }
        return try await send(.POST, "/api/auth/2fa", json: ["challenge": challenge, "code": code])
    }

    var mail: RecordingMailTransport {
        get throws {
            guard let mail = app.mailer.transport as? RecordingMailTransport else {
                throw TestSetupError("withTestApp installs a RecordingMailTransport")
            }
            return mail
        }
    }
}

extension TestingHTTPResponse {
    var errorCode: String? { (try? content.decode(ErrorEnvelope.self))?.error.code }
    var errorFields: [String: String] { (try? content.decode(ErrorEnvelope.self))?.error.fields ?? [:] }
    /// The body as the DTO the API returns, so a renamed field fails to compile, not at run time.
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try JSONDecoder.api.decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw TestSetupError("\(status) \(body.string) is not a \(T.self): \(error)")
        }
    }

    /// The raw JSON object, for what a DTO can't say: that a field is absent from the wire.
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }

}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Just enough of the HTTP API to sign up and start games, as the front end does.
struct APIClient: Sendable {
    let baseURL: String
    var cookie: String?
    /// The overload benchmark brings its own, with many connections per host.
    var session: URLSession = .shared

    /// A new account, and a client holding its session cookie.
    static func signUp(baseURL: String, username: String) async throws -> APIClient {
        let anonymous = APIClient(baseURL: baseURL, cookie: nil)
        let (status, headers, _) = try await anonymous.send("POST", "/api/auth/signup", json: [
            "username": username, "email": "\(username)@bench.test", "password": "a quiet paddle 42 bench",
        ])
        guard status == 201, let setCookie = headers["Set-Cookie"] ?? headers["set-cookie"],
              let value = setCookie.split(separator: ";").first else { throw BenchError("signup answered \(status)") }
        return APIClient(baseURL: baseURL, cookie: String(value))
    }

    func send(_ method: String, _ path: String, json: [String: Any]? = nil) async throws -> (Int, [String: String], Data) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        request.setValue("transcendence", forHTTPHeaderField: "X-Requested-With")
        request.setValue(baseURL, forHTTPHeaderField: "Origin")
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw BenchError("no HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
        return (http.statusCode, headers, data)
    }

    func startGame() async throws -> String {
        let (status, _, data) = try await send("POST", "/api/games", json: ["mode": "ai", "difficulty": "hard"])
        guard status == 201, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = object["id"] as? String else { throw BenchError("starting a game answered \(status)") }
        return id
    }
}

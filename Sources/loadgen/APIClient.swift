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

    /// A new account (the form, then the code the server wrote to `mailDirectory`), and a client
    /// holding its session cookie.
    static func signUp(baseURL: String, username: String, mailDirectory: String) async throws -> APIClient {
        let anonymous = APIClient(baseURL: baseURL, cookie: nil)
        let address = "\(username)@bench.test"
        let (status, _, body) = try await anonymous.send(
            "POST", "/api/auth/signup",
            json: [
                "username": username, "email": address, "password": "a quiet paddle 42 bench"
            ])
        guard status == 202, let pending = try JSONSerialization.jsonObject(with: body) as? [String: Any],
            let challenge = pending["challenge"] as? String
        else { throw BenchError("signup answered \(status)") }
        let code = try await signupCode(to: address, in: mailDirectory)
        let (confirmed, headers, _) = try await anonymous.send(
            "POST", "/api/auth/signup/confirm", json: ["challenge": challenge, "code": code])
        guard confirmed == 201, let setCookie = headers["Set-Cookie"] ?? headers["set-cookie"],
            let value = setCookie.split(separator: ";").first
        else { throw BenchError("signup confirmation answered \(confirmed)") }
        return APIClient(baseURL: baseURL, cookie: String(value))
    }

    /// The six digits at the end of the subject of the sign-up email to `address` (MAIL_TRANSPORT=file).
    private static func signupCode(to address: String, in directory: String) async throws -> String {
        for _ in 0..<300 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names where name.hasSuffix(".eml") {
                guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8),
                    text.contains("To: \(address)"),
                    let subject = text.split(separator: "\r\n").first(where: { $0.hasPrefix("Subject:") && $0.contains("sign-up code") })
                else { continue }
                return String(subject.suffix(6))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("no sign-up code was written for \(address)")
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
            let id = object["id"] as? String
        else { throw BenchError("starting a game answered \(status)") }
        return id
    }
}

import Foundation
import Testing
import VaporTesting

@testable import App

/// Limits hold for the cluster, not per instance: ten wrong passwords for one account are ten
/// whichever instances they reach, one after another or all at once.
@Suite(.enabled(if: testsRunOnPostgres, "instances share their counts in PostgreSQL"))
struct ClusterLimitTests {
    @Test func theEleventhWrongPassword_spreadOverThreeInstances_isRefused() async throws {
        try await withTestCluster(3) { instances in
            try await Browser(instances[0].app).signUp("alice")
            for attempt in 0..<10 {
                let app = instances[attempt % 3].app
                #expect(try await Browser(app).logIn("alice", password: "wrong password").status == .unauthorized)
            }
            let eleventh = try await Browser(instances[1].app).logIn("alice")
            #expect(eleventh.status == .tooManyRequests && eleventh.errorCode == "rate_limited")
            #expect(eleventh.headers.first(name: "Retry-After").flatMap(Int.init).map { $0 > 0 && $0 <= 600 } == true)
        }
    }

    @Test func thirtyWrongPasswordsAtOnce_acrossThreeInstances_letExactlyTenThrough() async throws {
        try await withTestCluster(3) { instances in
            try await Browser(instances[0].app).signUp("alice")
            let apps = instances.map(\.app)
            let statuses = try await concurrently(30) { index in
                try await Browser(apps[index % 3]).logIn("alice", password: "wrong password").status.code
            }
            #expect(statuses.filter { $0 == 401 }.count == 10)
            #expect(statuses.filter { $0 == 429 }.count == 20)
        }
    }
}

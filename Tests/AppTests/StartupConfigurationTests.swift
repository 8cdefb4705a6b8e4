import Foundation
import NIOCore
import Testing

@testable import App

/// Every setting is checked at start; a bad one is one clear line naming it, and exit status 2.
@Suite struct StartupConfigurationTests {
    private func load(_ values: [String: String]) throws -> AppConfig {
        var settings = EnvironmentSettings { values[$0] }
        return try AppConfig.fromSettings(&settings)
    }

    @Test(arguments: [
        ("PORT", "abc"), ("PORT", "0"), ("PORT", "70000"), ("BCRYPT_COST", "99"), ("BCRYPT_COST", "4"),
        ("SESSION_IDLE_DAYS", "-3"), ("SESSION_MAX_DAYS", "0"), ("SMTP_TIMEOUT_SECONDS", "x"),
        ("LIVE_GAMES_PER_USER", "0"), ("DATABASE_URL", "mysql://x"), ("DATABASE_URL", "not a url"),
        ("PUBLIC_URL", "pong.example.com"), ("MAIL_TRANSPORT", "pigeon"), ("MAIL_TRANSPORT", "smtp"),
        ("SMTP_URL", "http://mail.example.com"), ("HOST", "local host"), ("MAIL_FROM", "nobody"),
        ("SMTP_CA_FILE", "/no/such/file.pem"), ("DATABASE_CONNECT_SECONDS", "-1"), ("INSTANCE_ID", "two words"),
        ("INSTANCE_ID", String(repeating: "x", count: 41)), ("LOG_FORMAT", "xml"), ("METRICS_TOKEN", "short"),
        ("TRUSTED_PROXIES", "127.0.0.1,,::1"), ("GAME_TRUTH_STREAM", "yes"), ("GAME_TRUTH_STREAM", "2")
    ])
    func aBadSetting_namesTheVariableAndExitsWith2(name: String, value: String) throws {
        do {
            _ = try load([name: value])
            Issue.record("\(name)=\(value) was accepted")
        } catch let error as StartupError {
            #expect(error.exitStatus == 2)
            #expect(error.description.hasPrefix(name == "MAIL_TRANSPORT" && value == "smtp" ? "MAIL_TRANSPORT" : name))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func idleLongerThanTheSessionsLifetime_isRefused() {
        #expect(throws: StartupError.self) { try load(["SESSION_IDLE_DAYS": "30", "SESSION_MAX_DAYS": "7"]) }
    }

    @Test func secretsAreNeverEchoed() {
        let error = StartupError.setting("DATABASE_URL", "postgres://user:hunter2@", expected: "a URL")
        #expect(!error.description.contains("hunter2"))
    }

    @Test func theDefaults_areValid() throws {
        let config = try load([:])
        #expect(config.port == 8080 && config.bcryptCost == 12 && config.mailTransport == "console")
        #expect(config.logFormat == .text && config.metricsToken == nil && config.trustedProxies.isEmpty)
        #expect(!config.gameTruthStream, "a real site never streams every tick")
        #expect(try load(["GAME_TRUTH_STREAM": "1"]).gameTruthStream)
    }

    @Test func theClusterSettings_areRead() throws {
        let config = try load([
            "INSTANCE_ID": "web-2", "LOG_FORMAT": "json", "METRICS_TOKEN": "0123456789abcdef", "TRUSTED_PROXIES": "127.0.0.1, ::1"
        ])
        #expect(config.instanceID == "web-2" && config.logFormat == .json && config.metricsToken == "0123456789abcdef")
        #expect(config.trustedProxies == ["127.0.0.1", "::1"])
    }

    @Test func aShortSecretKey_isRefused() {
        #expect(throws: StartupError.self) { try ServerSecrets.load(environmentValue: "short", dataDirectory: "/tmp") }
    }

    @Test func anUnwritableDataFolder_isRefused() {
        #expect(throws: StartupError.self) { try DataDirectory.prepare("/proc/transcendence-data") }
    }

    @Test func aBusyPort_isOneLineWithExitStatus1() {
        let error = StartupError.explain(IOError(errnoCode: EADDRINUSE, reason: "bind"), port: 8080)
        #expect(error.exitStatus == 1)
        #expect(error.description == "Port 8080 is in use: stop the other server or set PORT.")
    }
}

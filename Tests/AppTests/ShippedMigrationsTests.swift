import Foundation
import Testing

/// A migration that has shipped never changes: a database made before the change would never get
/// it. Each one is pinned here by a fingerprint of its source (comments, imports, whitespace and
/// trailing commas left out, so formatting is free), and the order they run in is pinned too. A new
/// migration is added at the end of `Migrations.register` and pinned below when it ships.
@Suite struct ShippedMigrationsTests {
    static let shipped: [(name: String, fingerprint: String)] = [
        ("CreateUsers", "d7d785de592045a8"),
        ("CreateUserSessions", "fc0e24efa9fb9a38"),
        ("AddSecurityFieldsToUsers", "f240e3bd9f9d81c0"),
        ("CreateLoginChallenges", "d1835d879deb395c"),
        ("CreateTOTPCredentials", "c0b605c87cdbbe2e"),
        ("CreateRecoveryCodes", "17d29e8f87b7450c"),
        ("CreateEmailTokens", "c35ac5bc91c7165"),
        ("CreateGameSettings", "6a8e42153013f779"),
        ("CreateMatches", "73653c568fbf6a0a"),
        ("CreateFriendships", "2ad9a4878db4007a"),
        ("CreateChat", "266ca60873296199"),
        ("CreateNotifications", "476bf2f99e4c6cc5"),
        ("CreateRemotePlay", "bc772083fd2ca754"),
        ("AddMatchDuration", "2b2b5e9acb250ba3"),
        ("CreateTournaments", "92e3ca52259187ee"),
        ("KeepMatchesOfDeletedHosts", "13da9a3a90fede1"),
        ("CreatePlayerStatistics", "a747cd3c3488b420"),
        ("CreatePlayerClaims", "b25aa1a422c0cfc7"),
        ("CreateSignupChallenges", "7491f98f134078d0"),
        ("AddRatingsAfterToMatches", "a777a280738f27fc"),
        ("ReorderLeaderboardIndex", "75926a49fa1b0683"),
        ("CreateBusPayloads", "369f435fc65c2089"),
        ("AddClientKeyToChatMessages", "c0ec93ce1f473aff"),
        ("AddGameOwnership", "8e4f5156a52fd778"),
        ("CreateRateLimitHits", "420220e4e43485c1"),
        ("CreateSocketTabs", "d68055b9334df019"),
        ("CreateQueueEntries", "369f5fb9593f1850"),
        ("AddInstanceAddress", "1331df0740e6968b"),
        ("CreateGameCheckpoints", "8e341215d5a3fc11"),
        ("CreateLiveGames", "8177f43deceb3587"),
        ("CreateMatchReplays", "5f2c22296142d682"),
        ("CreateRematchOffers", "13e76775fc9a9d6d"),
        ("AddSoundVolumeToGameSettings", "8ae19d0ef392fc"),
        ("CreateChallenges", "804e1e0e17cdaea8"),
        ("AddFairPlayToRatings", "5dc5e615cc018e62"),
        ("CreatePlaybans", "786151a345eb5fae"),
        ("CreateModeration", "c0cf1677a397b6a9"),
        ("AddLanguageToUsers", "e5d8b778ad979677")
    ]

    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/App/Migrations").standardizedFileURL

    @Test func everyShippedMigration_isUnchanged() throws {
        for (name, pinned) in Self.shipped {
            let source = try String(contentsOf: Self.folder.appendingPathComponent("\(name).swift"), encoding: .utf8)
            let fingerprint = Self.fingerprint(source)
            #expect(fingerprint == pinned, "\(name) has shipped and changed (\(fingerprint)): add a new migration instead")
        }
    }

    @Test func migrationsRun_inTheShippedOrder_andEveryOneIsPinned() throws {
        let register = try String(contentsOf: Self.folder.appendingPathComponent("Migrations.swift"), encoding: .utf8)
        let registered = register.matches(of: /app\.migrations\.add\((\w+)\(\)\)/).map { String($0.output.1) }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".swift") && $0 != "Migrations.swift" }.map { String($0.dropLast(6)) }
        #expect(
            Array(registered.prefix(Self.shipped.count)) == Self.shipped.map(\.name),
            "shipped migrations run in the order they shipped; a new one goes at the end")
        #expect(Set(files) == Set(registered), "every file in Migrations/ is registered, once")
        for name in registered.dropFirst(Self.shipped.count) {
            let source = try String(contentsOf: Self.folder.appendingPathComponent("\(name).swift"), encoding: .utf8)
            Issue.record("\(name) is not pinned: add (\"\(name)\", \"\(Self.fingerprint(source))\") to ShippedMigrationsTests.shipped")
        }
    }

    /// FNV-1a over the source with what formatting can change taken out.
    static func fingerprint(_ source: String) -> String {
        var text = source.replacing(/\/\*[\s\S]*?\*\//, with: "")
        text = text.replacing(/\/\/[^\n]*/, with: "")
        text = text.replacing(/(?m)^\s*import\s+\w+\s*$/, with: "")
        text = text.replacing(/\s+/, with: "")
        text = text.replacing(/,(?=[)\]])/, with: "")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

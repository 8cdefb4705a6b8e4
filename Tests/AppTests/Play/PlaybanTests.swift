import Fluent
import Foundation
import PongCore
import Testing
import VaporTesting

@testable import App

@Suite struct PlaybanRulesTests {
    @Test func threeAbandonmentsInTheWindowEarnABan() {
        #expect(!PlaybanRules.earnsBan(abandonmentsCounted: 2))
        #expect(PlaybanRules.earnsBan(abandonmentsCounted: 3))
    }

    @Test func bansEscalate_5min_15min_1h_thenADay() {
        #expect(PlaybanRules.length(earlierBans: 0) == 5 * 60)
        #expect(PlaybanRules.length(earlierBans: 1) == 15 * 60)
        #expect(PlaybanRules.length(earlierBans: 2) == 3600)
        #expect(PlaybanRules.length(earlierBans: 3) == 24 * 3600)
        #expect(PlaybanRules.length(earlierBans: 9) == 24 * 3600)
    }

    @Test func abandonmentsCountFromTheWindowsStartOrTheLastBan() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(PlaybanRules.countingSince(now: now, lastBanStarted: nil) == now.addingTimeInterval(-PlaybanRules.window))
        let recent = now.addingTimeInterval(-600)
        #expect(PlaybanRules.countingSince(now: now, lastBanStarted: recent) == recent)
        let old = now.addingTimeInterval(-2 * PlaybanRules.window)
        #expect(PlaybanRules.countingSince(now: now, lastBanStarted: old) == now.addingTimeInterval(-PlaybanRules.window))
    }

    @Test func onlyThePlayerWhoLeftIsALeaver() {
        let (alice, bob) = (UUID(), UUID())
        let setup = GameSetup.remote(
            left: (alice, "alice", .classic), right: (bob, "bob", .classic), settings: .standard, rated: true, at: Date())
        func outcome(_ status: Match.Status, winner: Side?, reason: Match.EndReason?, noShows: [UUID]? = nil) -> GameOutcome {
            var outcome = GameOutcome(
                setup: setup, status: status, leftScore: 0, rightScore: 0, winner: winner, points: [], longestRally: 0, totalHits: 0)
            outcome.endReason = reason
            outcome.noShows = noShows
            return outcome
        }
        #expect(outcome(.forfeit, winner: .right, reason: .quit).leavers == [alice])
        #expect(outcome(.forfeit, winner: .left, reason: .disconnected).leavers == [bob])
        #expect(outcome(.forfeit, winner: .left, reason: .noShow).leavers == [bob])
        #expect(outcome(.abandoned, winner: nil, reason: .noShow, noShows: [bob]).leavers == [bob])
        // A game played out, or ended by a server going away, leaves nobody to blame.
        #expect(outcome(.finished, winner: .left, reason: nil).leavers.isEmpty)
        #expect(outcome(.abandoned, winner: nil, reason: nil).leavers.isEmpty)
    }
}

@Suite struct PlaybanTests {
    /// Three abandoned rated games earn 5 minutes, the next three 15, then an hour, then a day; each
    /// ends on the clock, and a week without a ban starts the ladder again. The queue says why and
    /// until when, and My profile shows it.
    @Test func thePlaybanEscalates_andExpiresOnTheClock() async throws {
        // Whole seconds: a ban ends exactly when the clock says so, whatever the database keeps of a date.
        let clock = TestClock(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        try await withTestApp(clock: clock) { app in
            let alice = try await Browser.signedUp(app, "alice")
            let aliceID = try await accountID(app, "alice")
            func abandon(_ count: Int) async throws -> Playban? {
                var ban: Playban?
                for _ in 0..<count {
                    ban = try await Playbans.recordAbandonment(by: aliceID, of: UUID(), reason: .quit, at: clock.now, in: app.db)
                }
                return ban
            }
            // Without a ban, the queue's next check speaks: no open tab here.
            func queueAnswer() async throws -> TestingHTTPResponse { try await alice.send(.POST, "/api/matchmaking") }
            #expect(try await abandon(2) == nil)
            #expect(try await queueAnswer().errorCode == "not_connected")

            for (level, minutes) in [(0, 5.0), (1, 15.0), (2, 60.0), (3, 1440.0), (4, 1440.0)] {
                let ban = try #require(try await abandon(1 + (level == 0 ? 0 : 2)), "ban \(level)")
                #expect(ban.level == level && ban.until == clock.now.addingTimeInterval(minutes * 60))
                let refused = try await queueAnswer()
                #expect(refused.status == .forbidden && refused.errorCode == "playban")
                let until = try #require(try refused.content.decode(ErrorEnvelope.self).error.until)
                #expect(abs(until.timeIntervalSince(ban.until)) < 1)
                for path in ["/api/invitations", "/api/challenges"] {
                    let asked = try await alice.send(.POST, path, json: ["username": "nobody", "pointsToWin": 5])
                    #expect(asked.errorCode == "playban", "\(path)")
                }
                let me = try await alice.send(.GET, "/api/me").decode(MeDTO.self)
                #expect(abs((me.playban?.until ?? .distantPast).timeIntervalSince(ban.until)) < 1)
                #expect(me.playban?.level == level && me.playban?.abandonments == 3)
                clock.advance(by: minutes * 60 - 1)
                #expect(try await queueAnswer().errorCode == "playban", "a second before its end")
                clock.advance(by: 1)
                #expect(try await queueAnswer().errorCode == "not_connected", "over at its end")
                #expect(try await alice.send(.GET, "/api/me").decode(MeDTO.self).playban == nil)
            }
            // A week after the last ban began, the ladder starts again at 5 minutes.
            clock.advance(by: PlaybanRules.escalationWindow)
            let fresh = try #require(try await abandon(3))
            #expect(fresh.level == 0 && fresh.until == clock.now.addingTimeInterval(300))
            // Abandonments spread wider than the window never add up to a ban.
            clock.advance(by: 3600)
            _ = try await abandon(2)
            clock.advance(by: PlaybanRules.window + 1)
            #expect(try await abandon(1) == nil)
        }
    }

    /// A result stored twice (a journal replay) counts its abandonment once.
    @Test func oneGameIsOneAbandonment() async throws {
        try await withTestApp { app in
            _ = try await Browser.signedUp(app, "alice")
            let aliceID = try await accountID(app, "alice")
            let game = UUID()
            for _ in 0..<3 { try await Playbans.recordAbandonment(by: aliceID, of: game, reason: .disconnected, at: Date(), in: app.db) }
            #expect(try await Abandonment.query(on: app.db).count() == 1)
            #expect(try await Playban.query(on: app.db).count() == 0)
        }
    }
}

import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting

@testable import App

/// Timed jobs fire when the injected clock passes their deadline: no test waits for a real timer.
@Suite struct SchedulerTests {
    @Test func anInvitation_expiresWhenTheClockPassesItsDeadline_withNoRequestAskingForIt() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let players = try await friends(app, "alice", "bob")
            try await withRunningServer(app) { port in
                let bobTab = try await players[1].socket(port: port)
                try await bobTab.next(ServerEvent.hello)
                let id = try await players[0].invited("bob")
                #expect(try await bobTab.next(ServerEvent.invitation).status == .pending)
                clock.advance(by: GameInvitation.lifetime + 1)
                let expired = try await bobTab.next(ServerEvent.invitation, count: 2)
                #expect(expired.status == .expired && expired.id.uuidString == id)
                #expect(try await GameInvitation.find(UUID(uuidString: id), on: app.db)?.status == .expired)
                await bobTab.close()
            }
        }
    }

    @Test func aTournamentReadyCheck_forfeitsTheAbsentPlayer_whenTheClockPassesItsDeadline() async throws {
        let clock = TestClock()
        try await withTestApp(gameTiming: fastRemoteGames, clock: clock) { app in
            let names = ["ann", "bob", "cat"]
            let players = try await friends(app, "ann", "bob", "cat")
            let id = try await players[0].createdTournament([
                "name": "Dawn cup", "capacity": 3, "pointsToWin": 5, "seeding": "random", "rated": true
            ]).id.uuidString
            for index in 1...2 {
                #expect(
                    try await players[0].send(.POST, "/api/tournaments/\(id)/invitations", json: ["username": names[index]]).status == .ok)
                #expect(try await players[index].send(.POST, "/api/tournaments/\(id)/join").status == .ok)
            }
            let drawn = try await players[0].send(.POST, "/api/tournaments/\(id)/start").decode(TournamentDTO.self)
            let match = try #require(drawn.matches.first)
            let readyName = try #require(drawn.participants.first { $0.id == match.left }?.name)
            let ready = players[names.firstIndex(of: readyName) ?? 0]
            #expect(try await ready.send(.POST, "/api/tournaments/\(id)/matches/1/ready").status == .ok)
            // A minute of the test's clock: the scheduler runs the ready check's job at once.
            clock.advance(by: TournamentRules.defaultReadyCheck + 1)
            let decided = try await eventually {
                try await players[0].tournament(id).matches[0]
            } until: {
                $0.status == .finished
            }
            #expect(decided.endReason == "no_show" && decided.winner == match.left)
            // A rated tournament's no-show left a rated game: it counts toward a playban; the ready player's doesn't.
            let noShowName = try #require(drawn.participants.first { $0.id == match.right }?.name)
            let noShow = try await User.query(on: app.db).filter(\.$username == noShowName).first()?.id
            // Written just after the decision is stored: waited for.
            let left = try await eventually {
                try await Abandonment.query(on: app.db).all()
            } until: {
                !$0.isEmpty
            }
            #expect(left.count == 1 && left.first?.$user.id == noShow && left.first?.reason == .noShow)
        }
    }

    @Test func twoSchedulersSharingOneLeadership_runEachJobOnce_andTheFollowerTakesOverWhenTheLeaderStops() async throws {
        let clock = TestClock()
        let logger = Logger(label: "scheduler-test")
        let runs = NIOLockedValueBox<[UUID]>([])
        let competitors = try (0..<2).map { _ in try competingLeadership(logger: logger) }
        let schedulers = competitors.map { Scheduler(clock: clock.appClock, leadership: $0.leadership, logger: logger) }
        for scheduler in schedulers {
            let id = scheduler.id
            scheduler.every(10, "count") { _ in runs.withLockedValue { $0.append(id) } }
            scheduler.start()
        }
        for round in 1...5 {
            clock.advance(by: 10)
            _ = try await eventually {
                runs.withLockedValue { $0.count }
            } until: {
                $0 >= round
            }
        }
        let leader = try #require(runs.withLockedValue { $0.first })
        await schedulers.first { $0.id == leader }?.stop()
        for round in 6...8 {
            clock.advance(by: 10)
            _ = try await eventually {
                runs.withLockedValue { $0.count }
            } until: {
                $0 >= round
            }
        }
        for scheduler in schedulers { await scheduler.stop() }
        for competitor in competitors { await competitor.link?.close() }
        let all = runs.withLockedValue { $0 }
        #expect(all.count == 8)
        #expect(all.prefix(5).allSatisfy { $0 == leader })
        #expect(all.suffix(3).allSatisfy { $0 != leader })
    }
}

private let sharedInProcessLeadership = InProcessLeadership()
private let clusterOfThisRun = "scheduler-test-\(UUID().uuidString)"

/// What two schedulers compete for: one in-process leadership on SQLite, a PostgreSQL advisory lock
/// (each scheduler on its own connection, as two instances would be) when the suite runs on it.
private func competingLeadership(logger: Logger) throws -> (leadership: any SchedulerLeadership, link: PostgresLink?) {
    guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else {
        return (sharedInProcessLeadership, nil)
    }
    let configuration = try SQLPostgresConfiguration(url: url)
    let link = PostgresLink(configuration: configuration.coreConfiguration, searchPath: nil, logger: logger)
    return (PostgresAdvisoryLeadership(link: link, cluster: clusterOfThisRun, logger: logger), link)
}

/// Reads `value` until `done` holds, up to a generous deadline for a loaded machine.
func eventually<Value>(
    within seconds: Double = 20, _ value: () async throws -> Value, until done: (Value) -> Bool
) async throws -> Value {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while true {
        let current = try await value()
        if done(current) || ContinuousClock.now > deadline { return current }
        try await Task.sleep(for: .milliseconds(20))
    }
}

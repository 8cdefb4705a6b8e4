import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// Every timed job of the server: invitation expiry, tournament ready checks, the matchmaking pass,
/// clean-up of expired rows. A job runs every `interval` of `AppClock` time, and sooner when a
/// feature asks for it (`wake(_:at:)`, when it knows the next deadline). Jobs read what is due from
/// the database, so nothing is lost with a restart or a leader that dies: the next run finds it.
///
/// Only the leader runs jobs (`SchedulerLeadership`): one process on SQLite, one instance of a
/// cluster on PostgreSQL. Moving a `TestClock` forward wakes the scheduler at once, so tests never
/// sleep for a timer. Shutdown cancels the loop before the databases close.
final class Scheduler: LifecycleHandler, Sendable {
    struct Job: Sendable {
        let name: String
        let interval: TimeInterval
        let run: @Sendable (_ now: Date) async throws -> Void
    }

    private struct Plan {
        var jobs: [String: Job] = [:]
        var nextRun: [String: Date] = [:]
        /// Runs finished here, by job (tests and the cluster's operators read it).
        var runs: [String: Int] = [:]
    }

    let id = UUID()
    private let clock: AppClock
    private let leadership: any SchedulerLeadership
    private let logger: Logger
    private let plan = NIOLockedValueBox(Plan())
    private let wakeup = Wakeup()
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)
    /// Longest real-time sleep between two looks at the clock (a test clock moves without telling
    /// the operating system; it signals instead, and this bounds what a missed signal could cost).
    private let longestSleep: Duration

    init(clock: AppClock, leadership: any SchedulerLeadership, logger: Logger, longestSleep: Duration = .seconds(1)) {
        self.clock = clock
        self.leadership = leadership
        self.logger = logger
        self.longestSleep = longestSleep
        clock.onAdvance { [wakeup] in wakeup.signal() }
    }

    /// Runs `job` every `interval` seconds of clock time, the first time one interval after the start.
    func every(_ interval: TimeInterval, _ name: String, _ run: @escaping @Sendable (_ now: Date) async throws -> Void) {
        let now = clock.now
        plan.withLockedValue { plan in
            plan.jobs[name] = Job(name: name, interval: interval, run: run)
            plan.nextRun[name] = now.addingTimeInterval(interval)
        }
        wakeup.signal()
    }

    /// Runs `name` at `deadline` too, if that is sooner than its next run (a deadline a feature just set).
    func wake(_ name: String, at deadline: Date) {
        plan.withLockedValue { plan in
            guard plan.jobs[name] != nil else { return }
            plan.nextRun[name] = min(plan.nextRun[name] ?? deadline, deadline)
        }
        wakeup.signal()
    }

    /// How many times `job` has run on this scheduler.
    func runs(of job: String) -> Int {
        plan.withLockedValue { $0.runs[job, default: 0] }
    }

    func start() {
        loop.withLockedValue { loop in
            guard loop == nil else { return }
            loop = Task { [self] in await run() }
        }
    }

    func didBootAsync(_ application: Application) async throws {
        // A one-off command's process runs no timers: the server beside it does.
        if application.isServing { start() }
    }

    func shutdownAsync(_ application: Application) async { await stop() }

    /// Ends the loop (a job running now finishes first) and gives up the lead.
    func stop() async {
        let task = loop.withLockedValue { loop -> Task<Void, Never>? in
            defer { loop = nil }
            return loop
        }
        task?.cancel()
        await task?.value
        await leadership.resign(id)
    }

    private func run() async {
        while !Task.isCancelled {
            let now = clock.now
            let due = plan.withLockedValue { plan in
                plan.jobs.values.filter { (plan.nextRun[$0.name] ?? now) <= now }.sorted { $0.name < $1.name }
            }
            if !due.isEmpty, await leadership.leads(id) {
                for job in due where !Task.isCancelled { await runOnce(job, at: now) }
            }
            plan.withLockedValue { plan in
                // A follower moves its plan on too: it takes over on the next interval, not with a backlog.
                for job in due where (plan.nextRun[job.name] ?? now) <= now {
                    plan.nextRun[job.name] = now.addingTimeInterval(job.interval)
                }
            }
            await wakeup.wait(upTo: sleepUntilNextRun())
        }
    }

    private func runOnce(_ job: Job, at now: Date) async {
        do {
            // Jobs are durable work: they wait out a busy database instead of being refused.
            try await WriteGate.$isDurable.withValue(true) { try await job.run(now) }
            AppMetrics.schedulerJobRan(job.name)
            plan.withLockedValue { $0.runs[job.name, default: 0] += 1 }
        } catch is CancellationError {
            return
        } catch {
            logger.warning("Scheduled job \(job.name) failed (it runs again next time): \(String(reflecting: error))")
        }
    }

    private func sleepUntilNextRun() -> Duration {
        let now = clock.now
        let next = plan.withLockedValue { $0.nextRun.values.min() }
        guard let next else { return longestSleep }
        let seconds = max(0.005, next.timeIntervalSince(now))
        return min(longestSleep, .milliseconds(Int(seconds * 1000)))
    }
}

extension Application {
    private struct SchedulerKey: StorageKey { typealias Value = Scheduler }

    /// The one scheduler of timed jobs (set up in `configure`).
    var scheduler: Scheduler {
        get {
            guard let scheduler = storage[SchedulerKey.self] else { fatalError("configure(_:) sets app.scheduler") }
            return scheduler
        }
        set { storage[SchedulerKey.self] = newValue }
    }
}

import Foundation
import Testing

@testable import App

/// The scheduler's sleep: a wait ends at its deadline or at a signal, and nothing left over from one
/// wait ends the next one early (a cancelled timer that signalled made an idle server spin a core).
@Suite struct WakeupTests {
    @Test func aWaitEndedByASignal_leavesNothingBehind_soTheNextWaitLastsItsTimeout() async throws {
        let wakeup = Wakeup()
        for _ in 0..<5 {
            let waiting = Task { await wakeup.wait(upTo: .seconds(60)) }
            // Signalled until it ends: the first signal may come before the wait begins (it is kept).
            wakeup.signal()
            await waiting.value
            let started = ContinuousClock.now
            await wakeup.wait(upTo: .milliseconds(200))
            // A busy machine only makes the wait longer; a leftover signal would make it end at once.
            #expect(ContinuousClock.now - started >= .milliseconds(150))
        }
    }

    @Test func aSignalBeforeTheWait_isKept_andEndsItAtOnce() async throws {
        let wakeup = Wakeup()
        wakeup.signal()
        let started = ContinuousClock.now
        await wakeup.wait(upTo: .seconds(60))
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}

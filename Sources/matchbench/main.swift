import Foundation
import Matchmaking

// `make bench` (matchmaking part): the server's quick-match queue (the same `InProcessMatchmaker`
// and pairing rule) under BENCH_MATCH_PLAYERS players (default 2,000) joining over
// BENCH_MATCH_SECONDS (default 10) with ratings spread around 1500 (σ 250). As on the server,
// the queue is paired on every join and once a second. Time is simulated, so the waits are the
// rule's, not this machine's; the CPU time of the pairing calls is measured for real.

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let environment = ProcessInfo.processInfo.environment
let players = Int(environment["BENCH_MATCH_PLAYERS"] ?? "2000") ?? 2000
let arrivalSeconds = Double(environment["BENCH_MATCH_SECONDS"] ?? "10") ?? 10
var random = SeededGenerator(state: 42)

@MainActor func normal(mean: Double, deviation: Double) -> Double {
    let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random), u2 = Double.random(in: 0..<1, using: &random)
    return mean + deviation * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
}

let start = Date(timeIntervalSince1970: 0)
let arrivals: [QueueEntry] = (0..<players).map { index in
    QueueEntry(
        userID: UUID(), username: "p\(index)", rating: min(max(normal(mean: 1500, deviation: 250), 700), 2300),
        joinedAt: start.addingTimeInterval(Double.random(in: 0..<arrivalSeconds, using: &random)), avoided: [])
}.sorted { $0.joinedAt < $1.joinedAt }

let queue = InProcessMatchmaker()
var waits: [Double] = []
var gaps: [Double] = []
var pairingTime: Duration = .zero
var pairingCalls = 0
let clock = ContinuousClock()

@MainActor func pairNow(_ now: Date) async {
    let began = clock.now
    let pairs = await queue.pair(at: now)
    pairingTime += clock.now - began
    pairingCalls += 1
    for (one, other) in pairs {
        waits.append(now.timeIntervalSince(one.joinedAt))
        waits.append(now.timeIntervalSince(other.joinedAt))
        gaps.append(abs(one.rating - other.rating))
    }
}

var nextTick = 1.0
for entry in arrivals {
    let at = entry.joinedAt.timeIntervalSince(start)
    while nextTick <= at {
        await pairNow(start.addingTimeInterval(nextTick))
        nextTick += 1
    }
    _ = await queue.join(entry)
    await pairNow(entry.joinedAt)
}
// After the last arrival the ticker keeps pairing once a second.
while await queue.count > 1, nextTick < arrivalSeconds + 120 {
    await pairNow(start.addingTimeInterval(nextTick))
    nextTick += 1
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

let milliseconds = Double(pairingTime.components.seconds) * 1000 + Double(pairingTime.components.attoseconds) / 1e15
print("Matchmaking: \(players) players joining over \(Int(arrivalSeconds)) s, ratings ~ N(1500, 250), paired on each join and every second")
print("pairs made | left waiting | wait p50 | wait p99 | wait max | mean gap | p99 gap | max gap | pairing CPU (all calls)")
print(
    String(
        format: "%d | %d | %.1f s | %.1f s | %.1f s | %.0f | %.0f | %.0f | %.0f ms over %d calls",
        gaps.count, await queue.count, percentile(waits, 0.5), percentile(waits, 0.99), waits.max() ?? 0,
        gaps.isEmpty ? 0 : gaps.reduce(0, +) / Double(gaps.count), percentile(gaps, 0.99), gaps.max() ?? 0,
        milliseconds, pairingCalls))

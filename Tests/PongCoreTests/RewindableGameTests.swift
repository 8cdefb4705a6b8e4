import Testing

@testable import PongCore

/// Keys that count when they were pressed: a late key within 150 ms gives the game in which it
/// came on time, a later one counts from its arrival, and events are final 9 ticks on.
@Suite struct RewindableGameTests {
    /// A ball flying flat at the left paddle's height 300 while the paddle waits at the top:
    /// holding "down" from tick 1 meets it, from tick 7 (100 ms later) does not.
    private static func ballComingLeft() -> PongGame {
        var start = PongGame(seed: 3).snapshot
        (start.phase, start.ballX, start.ballY, start.ballVX, start.ballVY) = (.playing, 200, 300, -6.5, 0)
        (start.leftPaddleY, start.rightPaddleY) = (0, 250)
        return PongGame(settings: PongSettings(), seed: 3, resumingFrom: start, nextServe: .left)
    }

    private static func eventsOfTicks(_ game: PongGame, ticks: Int, downFrom: Int?) -> [PongEvent] {
        var game = game
        var events: [PongEvent] = []
        for tick in 1...ticks {
            events += game.step(left: downFrom.map { tick >= $0 } == true ? .down : .none, right: .none)
        }
        return events
    }

    @Test func theSetUp_hitsOnTime_andMissesLate() {
        let onTime = Self.eventsOfTicks(Self.ballComingLeft(), ticks: 40, downFrom: 1)
        let late = Self.eventsOfTicks(Self.ballComingLeft(), ticks: 40, downFrom: 7)
        #expect(onTime.contains(.paddleHit(.left)) && !onTime.contains { if case .point = $0 { true } else { false } })
        #expect(late.contains(.point(scorer: .right, rally: 0)) && !late.contains(.paddleHit(.left)))
    }

    @Test func aKeyPressed100msBeforeItArrives_turnsTheMissIntoTheHitThePlayerSaw() {
        var game = RewindableGame(Self.ballComingLeft())
        var settled: [PongEvent] = []
        for _ in 1...6 { settled += game.step() }
        // Pressed at tick 1, arriving as tick 7 is due.
        #expect(game.press(.down, side: .left, pressedAt: 1) == 1)
        for _ in 7...60 { settled += game.step() }
        #expect(settled.contains(.paddleHit(.left)))
        #expect(!settled.contains { if case .point = $0 { true } else { false } })
    }

    @Test func aKeyPressed300msBeforeItArrives_countsFromItsArrival() {
        var game = RewindableGame(Self.ballComingLeft())
        for _ in 1...18 { _ = game.step() }
        #expect(game.press(.down, side: .left, pressedAt: 1) == 19, "past the cap: the next tick")
        var reference = Self.ballComingLeft()
        for tick in 1...18 { reference.step(left: tick >= 19 ? .down : .none, right: .none) }
        #expect(game.snapshot == reference.snapshot)
    }

    @Test func aStampFromTheFuture_countsFromTheNextTick() {
        var game = RewindableGame(Self.ballComingLeft())
        for _ in 1...5 { _ = game.step() }
        #expect(game.press(.up, side: .right, pressedAt: 500) == 6)
        #expect(game.press(.down, side: .left, pressedAt: 6) == 6)
        #expect(game.press(.none, side: .left, pressedAt: nil) == 6, "no stamp: now")
    }

    @Test func aPlayersOwnChanges_stayInOrder_andTheOtherPlayersAreKept() {
        var game = RewindableGame(Self.ballComingLeft())
        for _ in 1...10 { _ = game.step() }
        #expect(game.press(.up, side: .right, pressedAt: 4) == 4)
        #expect(game.press(.down, side: .left, pressedAt: 8) == 8)
        #expect(game.press(.none, side: .left, pressedAt: 5) == 8, "never before the player's last change")
        let keys = game.openKeys
        // Ticks 2…10 are open: the right player's up from tick 4, the left's none (its last word) from 8.
        #expect(keys.count == RewindableGame.maximumRewind)
        #expect(keys.map(\.right) == [.none, .none] + Array(repeating: .up, count: 7))
        #expect(keys.map(\.left) == Array(repeating: .none, count: 9))
    }

    /// The rewind gives exactly the game in which the key arrived on time, whatever the game.
    @Test(arguments: 0..<UInt64(30))
    func aLateKeyWithinTheCap_givesTheGameWhereItCameOnTime(seed: UInt64) {
        var random = SeededRandom(seed: seed &+ 99)
        var onTime = PongGame(seed: seed)
        var rewound = RewindableGame(PongGame(seed: seed))
        var keys = RandomKeys(seed: seed)
        var onTimeEvents: [PongEvent] = [], rewoundEvents: [PongEvent] = []
        // Each change of the left player's keys arrives 0…9 ticks late, stamped with its tick.
        var pending: [(arrives: Int, pressed: Int, key: PaddleInput)] = []
        var heldLeft = PaddleInput.none, heldRight = PaddleInput.none
        for tick in 1...3000 {
            let (left, right) = keys.next()
            if left != heldLeft {
                heldLeft = left
                // In order, as TCP delivers: never before the change sent ahead of it.
                let arrives = max(tick + Int(random.next() % 10), pending.last?.arrives ?? 0)
                pending.append((arrives, tick, left))
            }
            if right != heldRight {
                heldRight = right
                rewound.press(right, side: .right)
            }
            for change in pending where change.arrives == tick {
                rewound.press(change.key, side: .left, pressedAt: change.pressed)
            }
            pending.removeAll { $0.arrives == tick }
            onTimeEvents += onTime.step(left: left, right: right)
            rewoundEvents += rewound.step()
            // What is still pending has not reached the server: compare only what it knows.
            if pending.isEmpty {
                #expect(rewound.snapshot == onTime.snapshot, "seed \(seed), tick \(tick)")
            }
        }
        rewoundEvents += rewound.settle()
        #expect(rewoundEvents == onTimeEvents)
    }

    @Test func withoutLateKeys_itIsTheEngine_withEventsFinal9TicksLater() {
        var plain = PongGame(seed: 8)
        var rewound = RewindableGame(PongGame(seed: 8))
        var keys = RandomKeys(seed: 8)
        var plainEvents: [[PongEvent]] = []
        for tick in 1...2000 {
            let (left, right) = keys.next()
            rewound.press(left, side: .left)
            rewound.press(right, side: .right)
            plainEvents.append(plain.step(left: left, right: right))
            let final = rewound.step()
            #expect(rewound.snapshot == plain.snapshot)
            #expect(final == (tick > RewindableGame.maximumRewind ? plainEvents[tick - 1 - RewindableGame.maximumRewind] : []))
        }
    }
}

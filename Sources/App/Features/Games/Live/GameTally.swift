import PongCore

/// What a live game's match record keeps of its play, counted from the engine's events: every
/// point (with its time and rally), the hits and the longest rally.
struct GameTally {
    private(set) var points: [PointRecord] = []
    private(set) var totalHits = 0
    private(set) var longestRally = 0

    init(points: [PointRecord] = [], totalHits: Int = 0, longestRally: Int = 0) {
        self.points = points
        self.totalHits = totalHits
        self.longestRally = longestRally
    }

    /// Counts one event; returns the point it scored, for the players to be told.
    mutating func count(_ event: PongEvent, in snapshot: PongSnapshot) -> PointRecord? {
        switch event {
        case .paddleHit:
            totalHits += 1
            longestRally = max(longestRally, snapshot.rally)
            return nil
        case let .point(scorer, rally):
            let point = PointRecord(
                number: points.count + 1, atMilliseconds: snapshot.tick * 1000 / Field.ticksPerSecond,
                scorer: scorer, rally: rally, leftScore: snapshot.leftScore, rightScore: snapshot.rightScore)
            points.append(point)
            return point
        case .gameOver, .serve, .wallBounce:
            return nil
        }
    }

    /// The outcome as the match store gets it.
    func outcome(
        of setup: GameSetup, _ status: Match.Status, winner: Side?, reason: Match.EndReason?,
        at snapshot: PongSnapshot
    ) -> GameOutcome {
        GameOutcome(
            setup: setup, status: status, leftScore: snapshot.leftScore, rightScore: snapshot.rightScore,
            winner: winner, points: points, longestRally: longestRally, totalHits: totalHits, endReason: reason,
            durationMilliseconds: snapshot.tick * 1000 / Field.ticksPerSecond)
    }
}

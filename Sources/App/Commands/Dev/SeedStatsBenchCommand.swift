import Fluent
import Vapor

/// `transcendence seed-stats-bench --players 10000 --matches 1000000 --out FILE`: fills a
/// throwaway database with players and a year of closed matches (40 % online, a quarter of
/// those rated, 35 % against the AI, the rest on one keyboard), ratings and rating changes,
/// then builds the kept statistics with `rebuild-stats`'s code. Writes one session token, for
/// the requests that need a viewer. A development tool (TRANSCENDENCE_DEV_COMMANDS=1), refused
/// on a database that has players.
struct SeedStatsBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "players", help: "How many players (default 10000).")
        var players: Int?
        @Option(name: "matches", help: "How many closed matches (default 1000000).")
        var matches: Int?
        @Option(name: "out", help: "Where to write a session token.")
        var out: String?
    }

    var help: String { "Seeds players and a million matches for the statistics benchmark (never on a real database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let playerCount = max(2, signature.players ?? 10_000)
        let matchCount = max(1, signature.matches ?? 1_000_000)
        guard let out = signature.out else { throw AppError.field("out", "Say where to write the token with --out.") }
        guard try await User.query(on: app.db).count() == 0 else {
            throw AppError.field("database", "seed-stats-bench only fills an empty database; this one has players.")
        }
        let started = ContinuousClock.now
        let unusableHash = try Bcrypt.hash(UUID().uuidString, cost: 4)
        var random = SystemRandomNumberGenerator()
        var ids: [UUID] = []
        for chunk in stride(from: 0, to: playerCount, by: 1000) {
            let users = (chunk..<min(chunk + 1000, playerCount)).map { index in
                User(username: "sb_\(index)", email: "sb_\(index)@bench.invalid", passwordHash: unusableHash)
            }
            for user in users { user.id = UUID() }
            try await users.create(on: app.db)
            ids += users.compactMap(\.id)
        }
        let end = app.clock.now
        let year = 365.0 * 86_400
        var ratings = Dictionary(uniqueKeysWithValues: ids.map { ($0, (rating: 1500.0, games: 0, peak: 1500.0)) })
        var opponents: [UUID: Set<UUID>] = [:]
        for batchStart in stride(from: 0, to: matchCount, by: 10_000) {
            var matches: [Match] = []
            var changes: [RatingChange] = []
            for index in batchStart..<min(batchStart + 10_000, matchCount) {
                // Spread over the last year, in order.
                let at = end.addingTimeInterval(-year + year * Double(index) / Double(matchCount))
                let match = Match()
                match.id = UUID()
                match.kind = "pong"
                match.pointsToWin = 5
                match.ballSpeed = "normal"
                match.paddleSize = "normal"
                let left = ids.randomElement(using: &random)!
                match.$host.id = left
                match.leftKind = .user
                match.$leftUser.id = left
                match.leftName = "player"
                let roll = Int.random(in: 0..<100, using: &random)
                if roll < 40 {
                    var right = ids.randomElement(using: &random)!
                    while right == left { right = ids.randomElement(using: &random)! }
                    match.mode = .remote
                    match.rightKind = .user
                    match.$rightUser.id = right
                    match.rightName = "player"
                    match.rated = roll < 10
                } else if roll < 75 {
                    let level = ["easy", "medium", "hard"].randomElement(using: &random)!
                    match.mode = .ai
                    match.rightKind = .ai
                    match.rightName = "AI (\(level))"
                    match.rightAILevel = level
                    match.rated = false
                } else {
                    match.mode = .local
                    match.rightKind = .guest
                    match.rightName = "Guest"
                    match.rated = false
                }
                let leftWins = Bool.random(using: &random)
                let loserScore = Int.random(in: 0...4, using: &random)
                match.leftScore = leftWins ? 5 : loserScore
                match.rightScore = leftWins ? loserScore : 5
                match.winner = leftWins ? "left" : "right"
                match.status = Int.random(in: 0..<50, using: &random) == 0 ? .forfeit : .finished
                match.longestRally = Int.random(in: 1...30, using: &random)
                match.totalHits = match.longestRally * 3
                match.startedAt = at.addingTimeInterval(-90)
                match.endedAt = at
                match.durationMilliseconds = 90_000
                if match.rated, let right = match.$rightUser.id {
                    // A plain Elo step keeps the seeded ratings plausible; the real ones are Glicko-2.
                    opponents[left, default: []].insert(right)
                    opponents[right, default: []].insert(left)
                    for (player, won) in [(left, leftWins), (right, !leftWins)] {
                        var entry = ratings[player]!
                        let before = entry.rating
                        entry.rating += won ? 12 : -12
                        entry.games += 1
                        entry.peak = max(entry.peak, entry.rating)
                        ratings[player] = entry
                        changes.append(
                            RatingChange(
                                userID: player, matchID: match.id!, before: before,
                                after: .init(rating: entry.rating, deviation: 80, volatility: 0.06), at: at))
                    }
                }
                matches.append(match)
            }
            let (batch, rated) = (matches, changes)
            try await app.db.transaction { tx in
                for chunk in stride(from: 0, to: batch.count, by: 500) {
                    try await Array(batch[chunk..<min(chunk + 500, batch.count)]).create(on: tx)
                }
                for chunk in stride(from: 0, to: rated.count, by: 500) {
                    try await Array(rated[chunk..<min(chunk + 500, rated.count)]).create(on: tx)
                }
            }
        }
        var rows: [PlayerRating] = []
        for (userID, entry) in ratings {
            let row = PlayerRating(userID: userID, at: end)
            row.rating = entry.rating
            row.deviation = entry.games >= 20 ? 60 : 150
            row.ratedGames = entry.games
            row.ratedOpponents = opponents[userID]?.count ?? 0
            row.peakRating = entry.peak
            rows.append(row)
        }
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            try await Array(rows[chunk..<min(chunk + 500, rows.count)]).create(on: app.db)
        }
        let seeded = ContinuousClock.now
        try await app.statsRebuild(on: app.db).run()
        try await SecretFile.writeSessionToken(for: ids[0], agent: "stats bench", at: end, to: out, in: app)
        context.console.print(
            "Seeded \(playerCount) players and \(matchCount) matches in \(seeded - started); rebuilt the statistics in \(ContinuousClock.now - seeded)"
        )
    }
}

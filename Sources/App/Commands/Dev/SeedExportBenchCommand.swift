import Fluent
import Vapor

/// `transcendence seed-export-bench --matches 10000 --out FILE`: one player with a long history for
/// the export benchmark. Their matches are half against a rival (a quarter of those rated, with a
/// rating change) and half against the AI, each with 5 to 9 points on its timeline. They also
/// get a notification for every tenth match and a conversation with one message for every tenth
/// match. Writes the player's session token. A development tool
/// (TRANSCENDENCE_DEV_COMMANDS=1), refused on a database that has players.
struct SeedExportBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "matches", help: "How many matches (default 10000).")
        var matches: Int?
        @Option(name: "out", help: "Where to write a session token.")
        var out: String?
    }

    var help: String { "Seeds one player with a long history for the export benchmark (never on a real database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let matchCount = max(1, signature.matches ?? 10_000)
        guard let out = signature.out else { throw AppError.field("out", "Say where to write the token with --out.") }
        guard try await User.query(on: app.db).count() == 0 else {
            throw AppError.field("database", "seed-export-bench only fills an empty database; this one has players.")
        }
        let started = ContinuousClock.now
        let hash = try Bcrypt.hash(UUID().uuidString, cost: 4)
        let player = User(username: "exporter", email: "exporter@bench.invalid", passwordHash: hash)
        let rival = User(username: "rival", email: "rival@bench.invalid", passwordHash: hash)
        try await [player, rival].create(on: app.db)
        let playerID = try player.requireID(), rivalID = try rival.requireID()
        let end = app.clock.now
        var random = SystemRandomNumberGenerator()
        var rating = 1500.0
        for batchStart in stride(from: 0, to: matchCount, by: 1000) {
            var matches: [Match] = [], points: [MatchPoint] = [], changes: [RatingChange] = []
            for index in batchStart..<min(batchStart + 1000, matchCount) {
                let at = end.addingTimeInterval(Double(index - matchCount) * 600)
                let match = Self.match(index: index, player: playerID, rival: rivalID, at: at, random: &random)
                matches.append(match)
                points += Self.timeline(of: match)
                if match.rated {
                    let before = rating
                    rating += match.winner == "left" ? 8 : -8
                    changes.append(
                        RatingChange(
                            userID: playerID, matchID: match.id!, before: before,
                            after: .init(rating: rating, deviation: 80, volatility: 0.06), at: at))
                }
            }
            let (batch, timeline, rated) = (matches, points, changes)
            try await app.db.transaction { tx in
                for chunk in stride(from: 0, to: batch.count, by: 500) {
                    try await Array(batch[chunk..<min(chunk + 500, batch.count)]).create(on: tx)
                }
                for chunk in stride(from: 0, to: timeline.count, by: 500) {
                    try await Array(timeline[chunk..<min(chunk + 500, timeline.count)]).create(on: tx)
                }
                if !rated.isEmpty { try await rated.create(on: tx) }
            }
        }
        try await seedMessagesAndNotifications(count: matchCount / 10, player: player, rival: rival, at: end, on: app.db)
        try await SecretFile.writeSessionToken(for: playerID, agent: "export bench", at: end, to: out, in: app)
        context.console.print("Seeded one player with \(matchCount) matches in \(ContinuousClock.now - started)")
    }

    private static func match(index: Int, player: UUID, rival: UUID, at: Date, random: inout SystemRandomNumberGenerator) -> Match {
        let match = Match()
        match.id = UUID()
        match.kind = "pong"
        match.pointsToWin = 5
        match.ballSpeed = "normal"
        match.paddleSize = "normal"
        match.$host.id = player
        match.leftKind = .user
        match.$leftUser.id = player
        match.leftName = "exporter"
        if index.isMultiple(of: 2) {
            match.mode = .remote
            match.rightKind = .user
            match.$rightUser.id = rival
            match.rightName = "rival"
            match.rated = index.isMultiple(of: 8)
        } else {
            match.mode = .ai
            match.rightKind = .ai
            match.rightName = "AI (medium)"
            match.rightAILevel = "medium"
            match.rated = false
        }
        let leftWins = Bool.random(using: &random)
        let loserScore = Int.random(in: 0...4, using: &random)
        match.leftScore = leftWins ? 5 : loserScore
        match.rightScore = leftWins ? loserScore : 5
        match.winner = leftWins ? "left" : "right"
        match.status = .finished
        match.longestRally = Int.random(in: 1...30, using: &random)
        match.totalHits = match.longestRally * 3
        match.startedAt = at.addingTimeInterval(-90)
        match.endedAt = at
        match.durationMilliseconds = 90_000
        return match
    }

    /// The points in the order they could have been won: the loser's first, then the winner's.
    private static func timeline(of match: Match) -> [MatchPoint] {
        let winner = match.winner ?? "left"
        let loser = winner == "left" ? "right" : "left"
        let scorers = Array(repeating: loser, count: min(match.leftScore, match.rightScore)) + Array(repeating: winner, count: 5)
        var left = 0, right = 0
        return scorers.enumerated().map { offset, scorer in
            if scorer == "left" { left += 1 } else { right += 1 }
            return MatchPoint(
                matchID: match.id!, number: offset + 1, atMilliseconds: (offset + 1) * 9000, scorer: scorer, rally: offset + 2,
                leftScore: left, rightScore: right)
        }
    }

    private func seedMessagesAndNotifications(count: Int, player: User, rival: User, at now: Date, on db: any Database) async throws {
        let conversation = Conversation.direct(between: try player.requireID(), and: try rival.requireID(), at: now)
        try await conversation.create(on: db)
        let conversationID = try conversation.requireID()
        try await [
            ConversationMember(conversationID: conversationID, userID: try player.requireID(), at: now),
            ConversationMember(conversationID: conversationID, userID: try rival.requireID(), at: now)
        ].create(on: db)
        for chunk in stride(from: 0, to: count, by: 500) {
            let messages = (chunk..<min(chunk + 500, count)).map { index in
                ChatMessage(
                    conversationID: conversationID, senderID: try? player.requireID(), kind: .text, body: "good game number \(index)",
                    data: nil, at: now)
            }
            let notifications = (chunk..<min(chunk + 500, count)).map { _ in
                UserNotification(userID: rival.id!, kind: .gameResult, actorID: player.id, data: ["result": "won"], at: now)
            }
            let mine = (chunk..<min(chunk + 500, count)).map { _ in
                UserNotification(userID: player.id!, kind: .gameResult, actorID: rival.id, data: ["result": "lost"], at: now)
            }
            try await messages.create(on: db)
            try await (notifications + mine).create(on: db)
        }
    }
}

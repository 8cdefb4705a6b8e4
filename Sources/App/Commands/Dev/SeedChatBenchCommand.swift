import Fluent
import Vapor

/// `transcendence seed-chat-bench --users 1000 --room-size 50 --out FILE`:
/// fills a throwaway database with players sitting in rooms of friends, each
/// with an open session, for the chat fan-out benchmark (`make bench`). Signing
/// up 1,000 players through the API would take minutes of bcrypt and trip the
/// signup limit. The accounts can't log in: their password hash matches no password.
/// Writes one `cookie-token conversation-id` line per player.
///
/// A development tool: it exists only when `TRANSCENDENCE_DEV_COMMANDS=1` is set (the load
/// generator sets it), and it refuses a database that already has players.
struct SeedChatBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "users", help: "How many players (default 1000).")
        var users: Int?
        @Option(name: "room-size", help: "Players per room, at most 50 (default 50).")
        var roomSize: Int?
        @Option(name: "out", help: "Where to write the session tokens and rooms.")
        var out: String?
    }

    var help: String { "Seeds players in rooms with open sessions for the chat benchmark (never on a real database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let total = max(1, signature.users ?? 1000)
        let roomSize = min(max(2, signature.roomSize ?? 50), ChatConversations.roomMemberLimit)
        guard let out = signature.out else { throw AppError.field("out", "Say where to write the tokens with --out.") }
        // bcrypt of a random secret nobody knows, at the lowest cost: these accounts are for sockets only.
        let unusableHash = try Bcrypt.hash(UUID().uuidString, cost: 4)
        guard try await User.query(on: app.db).count() == 0 else {
            throw AppError.field("database", "seed-chat-bench only fills an empty database; this one has players.")
        }
        let tag = String(UUID().uuidString.prefix(4)).lowercased()
        let now = app.clock.now
        let expiry = now.addingTimeInterval(app.config.sessionAbsoluteTimeout)
        var lines: [String] = []
        for roomStart in stride(from: 0, to: total, by: roomSize) {
            let seats = Array(roomStart..<min(roomStart + roomSize, total))
            let created = try await app.db.transaction { db -> [String] in
                var tokens: [String] = []
                var ids: [UUID] = []
                for seat in seats {
                    let user = User(username: "cb\(tag)_\(seat)", email: "cb\(tag)_\(seat)@bench.invalid", passwordHash: unusableHash)
                    try await user.create(on: db)
                    let id = try user.requireID()
                    ids.append(id)
                    let token = SessionToken.generate()
                    try await UserSession(
                        userID: id, tokenHash: SessionToken.hash(token), userAgent: "chat bench",
                        ipAddress: "127.0.0.1", now: now, expiresAt: expiry
                    ).create(on: db)
                    tokens.append(token)
                }
                let owner = ids[0]
                let room = Conversation.room(named: "Bench room \(roomStart / roomSize + 1)", by: owner, at: now)
                try await room.create(on: db)
                let roomID = try room.requireID()
                for id in ids {
                    try await ConversationMember(conversationID: roomID, userID: id, at: now).create(on: db)
                    if id != owner {
                        let friendship = Friendship(requester: owner, addressee: id, at: now)
                        friendship.status = .accepted
                        friendship.acceptedAt = now
                        try await friendship.create(on: db)
                    }
                }
                return tokens.map { "\($0) \(roomID.uuidString)" }
            }
            lines.append(contentsOf: created)
        }
        try SecretFile.write(lines.joined(separator: "\n") + "\n", to: out)
        context.console.print("Seeded \(total) players in \((total + roomSize - 1) / roomSize) rooms; tokens in \(out)")
    }
}

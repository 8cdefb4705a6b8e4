import Fluent
import SQLKit
import Vapor

/// Conversations, messages and read markers. Only members see a conversation;
/// everyone else gets the same 404 as for one that does not exist. Messages
/// go live to every open tab of each member, except members who blocked the sender.
struct ChatService {
    /// The flood limit: 5 messages in any 5 seconds per player.
    static let floodRule = RateLimiter.Rule(limit: 5, window: 5)
    static let defaultPageSize = 50

    let db: any Database
    let users: ConnectedUsers
    let limiter: RateLimiter
    let notifications: NotificationsService
    let clock: AppClock

    /// The conversation and my seat in it, or 404.
    func membership(of me: UUID, in conversationID: UUID) async throws -> (Conversation, ConversationMember) {
        guard
            let seat = try await ConversationMember.query(on: db)
                .filter(\.$conversation.$id == conversationID).filter(\.$user.$id == me)
                .with(\.$conversation).first()
        else {
            throw AppError.conversationNotFound
        }
        return (seat.conversation, seat)
    }

    func send(
        _ rawText: String, from me: User, in conversationID: UUID, clientKey: String? = nil
    ) async throws -> (message: ChatMessageDTO, isNew: Bool) {
        let meID = try me.requireID()
        let (conversation, _) = try await membership(of: meID, in: conversationID)
        if let mute = try await ChatMute.current(for: meID, at: clock.now, on: db) {
            throw AppError.muted(until: mute.until, now: clock.now)
        }
        let text = ChatText.trimmed(rawText)
        if let problem = ChatText.messageProblem(text) { throw AppError.field("text", problem) }
        if let clientKey, let stored = try await alreadySent(clientKey, by: me, in: conversationID, text: text) {
            return (stored, false)
        }
        if conversation.kind == .direct, let other = try await otherMember(of: conversation, than: meID) {
            if try await Block.exists(blocker: meID, blocked: other, on: db) {
                throw AppError.youBlocked(try await User.find(other, on: db)?.username ?? "this player")
            }
            if try await Block.exists(blocker: other, blocked: meID, on: db) { throw AppError.cannotMessage }
        }
        if let wait = try await limiter.attempt("chat:\(meID)", rule: Self.floodRule) { throw AppError.chatFlood(retryAfter: wait) }
        let message = ChatMessage(conversationID: conversationID, senderID: meID, kind: .text, body: text, at: clock.now)
        message.clientKey = clientKey
        do {
            return (try await post(message, in: conversation, sender: me), true)
        } catch  where clientKey != nil && (error as? any DatabaseError)?.isConstraintFailure == true {
            // The same retry arrived twice at once: the other one stored it.
            guard let clientKey, let stored = try await alreadySent(clientKey, by: me, in: conversationID, text: text) else { throw error }
            return (stored, false)
        }
    }

    /// The message this sender already stored under `clientKey`; a key reused for other words is refused.
    private func alreadySent(_ clientKey: String, by me: User, in conversationID: UUID, text: String) async throws -> ChatMessageDTO? {
        guard
            let stored = try await ChatMessage.query(on: db).filter(\.$sender.$id == me.requireID())
                .filter(\.$clientKey == clientKey).first()
        else { return nil }
        guard stored.$conversation.id == conversationID, stored.body == text else {
            throw AppError.field("clientKey", "This key was sent with another message: use a new key for each message.")
        }
        return try ChatMessageDTO(stored, sender: me)
    }

    /// Stores a message (a player's or a system line) and delivers it live.
    /// `readBy` (the sender, or whoever caused a system line) has seen it already.
    func post(_ message: ChatMessage, in conversation: Conversation, sender: User?, readBy: UUID? = nil) async throws -> ChatMessageDTO {
        let conversationID = try conversation.requireID()
        let reader = readBy ?? sender?.id
        // One transaction: one commit per message, however many rows it touches.
        try await db.transaction { tx in
            try await message.create(on: tx)
            let messageID = try message.requireID()
            try await Conversation.query(on: tx).filter(\.$id == conversationID).set(\.$lastMessageAt, to: message.createdAt).update()
            if let reader {
                // What I wrote (or made happen), I have read.
                try await ConversationMember.query(on: tx).filter(\.$conversation.$id == conversationID)
                    .filter(\.$user.$id == reader).set(\.$lastReadMessageID, to: messageID).update()
            }
        }
        let dto = try ChatMessageDTO(message, sender: sender)
        AppMetrics.chatMessages.increment()
        users.send(to: try await liveRecipients(of: conversationID, sender: sender?.id), .message(dto))
        return dto
    }

    /// Members who should see `sender`'s messages live: all but those who blocked them (and, in a room,
    /// those who hid them).
    /// One query: this runs for every message, so the block check is a subquery, not a second round trip.
    func liveRecipients(of conversationID: UUID, sender: UUID?) async throws -> [UUID] {
        let sql = try db.sql
        let rows = try await sql.raw(
            """
            SELECT cm.user_id AS user_id FROM conversation_members cm
            WHERE cm.conversation_id = \(bind: conversationID)
              AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = cm.user_id AND b.blocked_id = \(bind: sender))
              AND NOT EXISTS (SELECT 1 FROM hidden_senders h JOIN conversations c ON c.id = \(bind: conversationID)
                              WHERE c.kind = 'room' AND h.user_id = cm.user_id AND h.hidden_id = \(bind: sender))
            """
        ).all()
        return try rows.map { try $0.decode(column: "user_id", as: UUID.self) }
    }

    /// Newest first from the database, returned oldest first; `before` pages backwards.
    func messages(in conversationID: UUID, for me: UUID, before: Int?, limit: Int) async throws -> ChatMessagePageDTO {
        let (conversation, _) = try await membership(of: me, in: conversationID)
        var blocked = try await Block.blockedIDs(by: me, on: db)
        // In rooms, the senders I chose to hide are left out too (direct conversations: blocking is for that).
        if conversation.kind == .room { blocked.formUnion(try await HiddenSender.hiddenIDs(by: me, on: db)) }
        let query = ChatMessage.query(on: db).filter(\.$conversation.$id == conversationID).with(\.$sender)
        if let before { query.filter(\.$id < before) }
        if !blocked.isEmpty {
            query.group(.or) { $0.filter(\.$sender.$id == nil).filter(\.$sender.$id !~ Array(blocked)) }
        }
        let newestFirst = try await query.sort(\.$id, .descending).limit(limit + 1).all()
        let page = newestFirst.prefix(limit)
        return ChatMessagePageDTO(
            items: try page.reversed().map { try ChatMessageDTO($0, sender: $0.sender) },
            earlier: newestFirst.count > limit ? page.last?.id : nil)
    }

    /// Moves my read marker forward (never back) and tells the conversation.
    func markRead(_ conversationID: UUID, upTo messageID: Int, by me: User) async throws -> ReadEvent {
        let meID = try me.requireID()
        let (conversation, seat) = try await membership(of: meID, in: conversationID)
        let newest = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversationID).max(\.$id) ?? 0
        let marker = max(seat.lastReadMessageID, min(messageID, newest))
        if marker != seat.lastReadMessageID {
            seat.lastReadMessageID = marker
            try await seat.save(on: db)
        }
        let event = ReadEvent(conversation: conversationID, user: me.username, messageId: marker)
        // My other tabs clear their badge; in a direct conversation the other player sees "Seen".
        // Rooms don't show read marks, so a read there is not worth a message to every member.
        let recipients = conversation.kind == .direct ? try await liveRecipients(of: conversationID, sender: meID) : [meID]
        users.send(to: recipients, .read(event))
        return event
    }

    /// Tells the other members that `me` is typing. Unknown conversations are refused.
    func typing(in conversationID: UUID, by me: UUID, username: String) async throws {
        _ = try await membership(of: me, in: conversationID)
        let others = try await liveRecipients(of: conversationID, sender: me).filter { $0 != me }
        users.send(to: others, .typing(TypingEvent(conversation: conversationID, user: username)))
    }

    func otherMember(of conversation: Conversation, than me: UUID) async throws -> UUID? {
        try await ConversationMember.query(on: db).filter(\.$conversation.$id == conversation.requireID())
            .filter(\.$user.$id != me).first()?.$user.id
    }

    /// Unread messages per conversation for `me`: newer than my marker, not mine, not from players I
    /// blocked, nor (in rooms) from players I hid.
    func unreadCounts(for me: UUID) async throws -> [UUID: Int] {
        let sql = try db.sql
        let rows = try await sql.raw(
            """
            SELECT m.conversation_id AS conversation_id, COUNT(*) AS unread
            FROM chat_messages m
            JOIN conversation_members cm ON cm.conversation_id = m.conversation_id
            WHERE cm.user_id = \(bind: me) AND m.id > cm.last_read_message_id
              AND (m.sender_id IS NULL OR m.sender_id <> \(bind: me))
              AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = \(bind: me) AND b.blocked_id = m.sender_id)
              AND NOT EXISTS (SELECT 1 FROM hidden_senders h JOIN conversations c ON c.id = m.conversation_id
                              WHERE c.kind = 'room' AND h.user_id = \(bind: me) AND h.hidden_id = m.sender_id)
            GROUP BY m.conversation_id
            """
        ).all()
        var counts: [UUID: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "conversation_id", as: UUID.self)] = try row.decode(column: "unread", as: Int.self)
        }
        return counts
    }

    /// The newest message of each conversation (leaving out those sent by `hidden` players), senders loaded:
    /// two queries for any number of conversations.
    func lastMessages(in conversations: [UUID], hidingSendersIn hidden: Set<UUID>) async throws -> [UUID: ChatMessage] {
        guard !conversations.isEmpty else { return [:] }
        let sql = try db.sql
        var newest = SQLSelectBuilder(on: sql)
            .column(SQLFunction("MAX", args: SQLIdentifier("id")), as: "id")
            .from(ChatMessage.schema)
            .where("conversation_id", .in, conversations)
            .groupBy("conversation_id")
        if !hidden.isEmpty {
            newest = newest.where(group: { $0.where("sender_id", .is, SQLLiteral.null).orWhere("sender_id", .notIn, Array(hidden)) })
        }
        let ids = try await newest.all().map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return [:] }
        let messages = try await ChatMessage.query(on: db).filter(\.$id ~~ ids).with(\.$sender).all()
        return Dictionary(messages.map { ($0.$conversation.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A room that belongs to no one (a tournament's), so it counts against nobody's room limits,
    /// with `members` in it. `alongside` runs in the same transaction with the new room's id, so
    /// whatever owns the room records it in the same step; the members are told once it exists.
    func openSharedRoom(
        named name: String, members: [UUID],
        alongside: @escaping @Sendable (any Database, UUID) async throws -> Void
    ) async throws -> UUID {
        let room = Conversation()
        room.kind = .room
        room.name = name
        room.createdAt = clock.now
        let now = clock.now
        let id = try await db.transaction { tx -> UUID in
            try await room.create(on: tx)
            let id = try room.requireID()
            for userID in members {
                try await ConversationMember(conversationID: id, userID: userID, at: now).create(on: tx)
            }
            try await alongside(tx, id)
            return id
        }
        users.send(to: members, .conversation(ConversationEvent(event: .added, conversation: id)))
        return id
    }
}

extension ChatService {
    /// Conversations: listing, opening, rooms and their members.
    var conversations: ChatConversations { ChatConversations(chat: self) }
}

extension Application {
    /// The one way to get chat, for HTTP requests and sockets alike.
    func chat(on db: any Database) -> ChatService {
        ChatService(
            db: db, users: connectedUsers, limiter: rateLimiter,
            notifications: notifications(on: db), clock: clock)
    }
}

extension Request {
    var chat: ChatService { application.chat(on: db) }
}

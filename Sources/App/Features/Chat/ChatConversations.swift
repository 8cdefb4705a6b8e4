import Fluent
import Vapor

/// Listing conversations, opening direct ones and running rooms (create,
/// add a friend, leave). Membership changes are posted in the room as system
/// messages, so everyone sees who came and went.
struct ChatConversations {
    static let roomMemberLimit = 50
    static let defaultListPage = 100
    /// Rooms one player may have created and not yet left behind: a bound on what one account can cost.
    static let roomsPerCreator = 50
    /// Rooms one player may create in a day.
    static let roomsPerDay = RateLimiter.Rule(limit: 20, window: 86_400)

    let chat: ChatService
    private var db: any Database { chat.db }

    /// Mine, most recent activity first, one page of them. Direct conversations with players I
    /// blocked are left out, as are empty ones the other player opened. The number of queries
    /// is the same whatever the number of conversations (no query per conversation).
    func list(for me: UUID, page: Int, per: Int) async throws -> [ConversationDTO] {
        let seats = try await ConversationMember.query(on: db).filter(\.$user.$id == me).with(\.$conversation).all()
        let blocked = try await Block.blockedIDs(by: me, on: db)
        let directs = seats.map(\.conversation).filter { $0.kind == .direct }.compactMap(\.id)
        // The other player of every direct conversation, in one query.
        var otherOf: [UUID: UUID] = [:]
        if !directs.isEmpty {
            for seat in try await ConversationMember.query(on: db).filter(\.$conversation.$id ~~ directs).filter(\.$user.$id != me).all() {
                otherOf[seat.$conversation.id] = seat.$user.id
            }
        }
        let visible = seats.filter { seat in
            let conversation = seat.conversation
            guard conversation.kind == .direct else { return true }
            if conversation.lastMessageAt == nil, conversation.$creator.id != me { return false }
            return !(conversation.id.flatMap { otherOf[$0] }.map(blocked.contains) ?? false)
        }
        .sorted {
            ($0.conversation.lastMessageAt ?? $0.conversation.createdAt) > ($1.conversation.lastMessageAt ?? $1.conversation.createdAt)
        }
        let pageSeats = Array(visible.dropFirst((page - 1) * per).prefix(per))
        let ids = try pageSeats.map { try $0.conversation.requireID() }
        guard !ids.isEmpty else { return [] }

        let unread = try await chat.unreadCounts(for: me)
        var members: [UUID: [User]] = [:]
        for seat in try await ConversationMember.query(on: db).filter(\.$conversation.$id ~~ ids).with(\.$user).sort(\.$joinedAt).all() {
            members[seat.$conversation.id, default: []].append(seat.user)
        }
        // In rooms, the players I hid are left out of the preview too; in direct conversations only blocks count.
        let rooms = try pageSeats.filter { $0.conversation.kind == .room }.map { try $0.conversation.requireID() }
        let hidden = rooms.isEmpty ? [] : try await HiddenSender.hiddenIDs(by: me, on: db)
        var lastMessages = try await chat.lastMessages(in: ids.filter { !rooms.contains($0) }, hidingSendersIn: blocked)
        lastMessages.merge(try await chat.lastMessages(in: rooms, hidingSendersIn: blocked.union(hidden))) { first, _ in first }
        return try pageSeats.map { seat in
            let conversation = seat.conversation
            let id = try conversation.requireID()
            return try ConversationDTO(
                conversation, for: me, members: members[id] ?? [], seat: seat,
                unread: unread[id] ?? 0, last: lastMessages[id])
        }
    }

    func describe(_ conversationID: UUID, for me: UUID) async throws -> ConversationDTO {
        let (conversation, seat) = try await chat.membership(of: me, in: conversationID)
        let unread = try await chat.unreadCounts(for: me)[conversationID] ?? 0
        return try await describe(conversation, for: me, seat: seat, unread: unread, blocked: try await Block.blockedIDs(by: me, on: db))
    }

    /// The direct conversation with `other`, created the first time; one per pair even when both open it at once.
    /// The conversation with the player called `username` (404 `user_not_found` if nobody is).
    func openDirect(named username: String, by me: User) async throws -> ConversationDTO {
        try await openDirect(with: User.named(username, on: db), by: me)
    }

    func openDirect(with other: User, by me: User) async throws -> ConversationDTO {
        let meID = try me.requireID(), otherID = try other.requireID()
        guard meID != otherID else {
            throw AppError.cannotMessageYourself
        }
        if try await Block.exists(blocker: meID, blocked: otherID, on: db) { throw AppError.youBlocked(other.username) }
        if try await Block.exists(blocker: otherID, blocked: meID, on: db) { throw AppError.cannotMessage }
        let key = Conversation.directKey(meID, otherID)
        if let existing = try await Conversation.query(on: db).filter(\.$directKey == key).first() {
            return try await describe(existing.requireID(), for: meID)
        }
        do {
            try await db.transaction { tx in
                let conversation = Conversation.direct(between: meID, and: otherID, at: chat.clock.now)
                try await conversation.create(on: tx)
                let id = try conversation.requireID()
                try await ConversationMember(conversationID: id, userID: meID, at: chat.clock.now).create(on: tx)
                try await ConversationMember(conversationID: id, userID: otherID, at: chat.clock.now).create(on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The other player opened it at the same moment: theirs is ours.
        }
        guard let conversation = try await Conversation.query(on: db).filter(\.$directKey == key).first() else {
            throw AppError.conversationNotFound
        }
        return try await describe(conversation.requireID(), for: meID)
    }

    func createRoom(named rawName: String, inviting usernames: [String], by me: User) async throws -> ConversationDTO {
        let meID = try me.requireID()
        let name = ChatText.trimmed(rawName)
        if let problem = ChatText.roomNameProblem(name) { throw AppError.field("name", problem) }
        guard usernames.count < Self.roomMemberLimit else {
            throw AppError.field("members", AppError.roomFull.message)
        }
        var invited: [User] = []
        for username in Set(usernames.map { $0.lowercased() }) where username != me.usernameKey {
            let user = try await invitable(username, by: meID, field: "members")
            invited.append(user)
        }
        _ = try await chat.limiter.reserve([("rooms:creator:\(meID)", Self.roomsPerDay)])
        let conversation = Conversation.room(named: name, by: meID, at: chat.clock.now)
        let invitedIDs = try invited.map { try $0.requireID() }
        try await db.transaction { tx in
            // The creator's row lock makes the count and the insert one step under concurrent creations.
            try await RowLock.lock(User.schema, id: meID, touching: "username", in: tx)
            guard
                try await Conversation.query(on: tx).filter(\.$kind == .room).filter(\.$creator.$id == meID).count() < Self.roomsPerCreator
            else {
                throw AppError.tooManyRooms
            }
            try await conversation.create(on: tx)
            let id = try conversation.requireID()
            try await ConversationMember(conversationID: id, userID: meID, at: chat.clock.now).create(on: tx)
            for userID in invitedIDs { try await ConversationMember(conversationID: id, userID: userID, at: chat.clock.now).create(on: tx) }
        }
        let id = try conversation.requireID()
        _ = try await chat.post(
            ChatMessage(
                conversationID: id, senderID: nil, kind: .system, body: "\(me.username) created \(name)",
                data: ["event": "room_created", "user": me.username, "name": name], at: chat.clock.now),
            in: conversation, sender: nil, readBy: meID)
        for user in invited { try await welcome(user, to: conversation, by: me) }
        return try await describe(id, for: meID)
    }

    func addMember(_ username: String, to conversationID: UUID, by me: User) async throws -> ConversationDTO {
        let meID = try me.requireID()
        let (conversation, _) = try await chat.membership(of: meID, in: conversationID)
        guard conversation.kind == .room else { throw AppError.notARoom }
        let user = try await invitable(username.lowercased(), by: meID, field: "username")
        let userID = try user.requireID()
        // Earlier messages are there to read, but they don't count as unread.
        let newest = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversationID).max(\.$id) ?? 0
        do {
            try await db.transaction { tx in
                // The room's row lock makes the count and the insert one step: concurrent adds can't overfill it.
                try await RowLock.lock(Conversation.schema, id: conversationID, touching: "name", in: tx)
                let count = try await ConversationMember.query(on: tx).filter(\.$conversation.$id == conversationID).count()
                guard count < Self.roomMemberLimit else { throw AppError.roomFull }
                try await ConversationMember(conversationID: conversationID, userID: userID, lastRead: newest, at: chat.clock.now).create(
                    on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.alreadyMember(user.username)
        }
        try await welcome(user, to: conversation, by: me)
        return try await describe(conversationID, for: meID)
    }

    func leave(_ conversationID: UUID, by me: User) async throws {
        let meID = try me.requireID()
        let (conversation, seat) = try await chat.membership(of: meID, in: conversationID)
        guard conversation.kind == .room else { throw AppError.notARoom }
        try await seat.delete(on: db)
        chat.users.send(to: [meID], .conversation(ConversationEvent(event: .left, conversation: conversationID)))
        _ = try await chat.post(
            ChatMessage(
                conversationID: conversationID, senderID: nil, kind: .system,
                body: "\(me.username) left", data: ["event": "member_left", "user": me.username], at: chat.clock.now),
            in: conversation, sender: nil)
    }

    /// Only friends can be added to a room (a block removes the friendship, so they never are blocked).
    private func invitable(_ username: String, by me: UUID, field: String) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$usernameKey == username).first() else {
            throw AppError.noPlayerCalled(username, field: field)
        }
        guard try await FriendsService.areFriends(me, user.requireID(), on: db) else {
            throw AppError.onlyFriendsJoinRooms(user.username, field: field)
        }
        return user
    }

    private func welcome(_ user: User, to room: Conversation, by me: User) async throws {
        let id = try room.requireID()
        _ = try await chat.post(
            ChatMessage(
                conversationID: id, senderID: nil, kind: .system,
                body: "\(me.username) added \(user.username)",
                data: ["event": "member_added", "user": user.username, "by": me.username], at: chat.clock.now),
            in: room, sender: nil, readBy: me.id)
        try await chat.notifications.notify(
            try user.requireID(), .roomInvite, actor: me,
            data: ["conversation": id.uuidString, "room": room.name ?? ""])
        chat.users.send(to: [try user.requireID()], .conversation(ConversationEvent(event: .added, conversation: id)))
    }

    private func describe(
        _ conversation: Conversation, for me: UUID, seat: ConversationMember, unread: Int,
        blocked: Set<UUID>
    ) async throws -> ConversationDTO {
        let id = try conversation.requireID()
        let members = try await ConversationMember.query(on: db).filter(\.$conversation.$id == id).with(\.$user)
            .sort(\.$joinedAt).all().map(\.user)
        let hidden = conversation.kind == .room ? try await HiddenSender.hiddenIDs(by: me, on: db) : []
        let last = try await chat.lastMessages(in: [id], hidingSendersIn: blocked.union(hidden))[id]
        return try ConversationDTO(conversation, for: me, members: members, seat: seat, unread: unread, last: last)
    }
}

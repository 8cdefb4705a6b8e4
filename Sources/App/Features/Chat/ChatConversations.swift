import Fluent
import Vapor

/// Listing conversations, opening direct ones and running rooms (create,
/// add a friend, leave). Membership changes are posted in the room as system
/// messages, so everyone sees who came and went.
struct ChatConversations {
    static let roomMemberLimit = 50

    let chat: ChatService
    private var db: any Database { chat.db }

    /// Mine, most recent activity first. Direct conversations with players I
    /// blocked are left out, as are empty ones the other player opened.
    func list(for me: UUID) async throws -> [ConversationDTO] {
        let seats = try await ConversationMember.query(on: db).filter(\.$user.$id == me).with(\.$conversation).all()
        let blocked = try await Block.blockedIDs(by: me, on: db)
        let unread = try await chat.unreadCounts(for: me)
        var result: [ConversationDTO] = []
        for seat in seats {
            let conversation = seat.conversation
            if conversation.kind == .direct, conversation.lastMessageAt == nil, conversation.$creator.id != me { continue }
            if conversation.kind == .direct, try await isDirect(conversation, withAnyOf: blocked, me: me) { continue }
            result.append(try await describe(conversation, for: me, seat: seat,
                                             unread: unread[try conversation.requireID()] ?? 0, blocked: blocked))
        }
        return result.sorted { $0.updatedAt > $1.updatedAt }
    }

    func describe(_ conversationID: UUID, for me: UUID) async throws -> ConversationDTO {
        let (conversation, seat) = try await chat.membership(of: me, in: conversationID)
        let unread = try await chat.unreadCounts(for: me)[conversationID] ?? 0
        return try await describe(conversation, for: me, seat: seat, unread: unread, blocked: try await Block.blockedIDs(by: me, on: db))
    }

    /// The direct conversation with `other`, created the first time; one per pair even when both open it at once.
    func openDirect(with other: User, by me: User) async throws -> ConversationDTO {
        let meID = try me.requireID(), otherID = try other.requireID()
        guard meID != otherID else {
            throw AppError(status: .badRequest, code: "cannot_message_yourself", message: "You can't message yourself.",
                           fields: ["username": "This is you."])
        }
        if try await Block.exists(blocker: meID, blocked: otherID, on: db) { throw AppError.youBlocked(other.username) }
        if try await Block.exists(blocker: otherID, blocked: meID, on: db) { throw AppError.cannotMessage }
        let key = Conversation.directKey(meID, otherID)
        if let existing = try await Conversation.query(on: db).filter(\.$directKey == key).first() {
            return try await describe(existing.requireID(), for: meID)
        }
        do {
            try await db.transaction { tx in
                let conversation = Conversation.direct(between: meID, and: otherID)
                try await conversation.create(on: tx)
                let id = try conversation.requireID()
                try await ConversationMember(conversationID: id, userID: meID).create(on: tx)
                try await ConversationMember(conversationID: id, userID: otherID).create(on: tx)
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
        let conversation = Conversation.room(named: name, by: meID)
        let invitedIDs = try invited.map { try $0.requireID() }
        try await db.transaction { tx in
            try await conversation.create(on: tx)
            let id = try conversation.requireID()
            try await ConversationMember(conversationID: id, userID: meID).create(on: tx)
            for userID in invitedIDs { try await ConversationMember(conversationID: id, userID: userID).create(on: tx) }
        }
        let id = try conversation.requireID()
        _ = try await chat.post(ChatMessage(conversationID: id, senderID: nil, kind: .system, body: "\(me.username) created \(name)",
                                            data: ["event": "room_created", "user": me.username]),
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
        let count = try await ConversationMember.query(on: db).filter(\.$conversation.$id == conversationID).count()
        guard count < Self.roomMemberLimit else { throw AppError.roomFull }
        // Earlier messages are there to read, but they don't count as unread.
        let newest = try await ChatMessage.query(on: db).filter(\.$conversation.$id == conversationID).max(\.$id) ?? 0
        let seat = ConversationMember(conversationID: conversationID, userID: userID, lastRead: newest)
        do {
            try await seat.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError(status: .conflict, code: "already_member", message: "\(user.username) is already in this room.")
        }
        // Concurrent adds can all pass the count above: each insert then checks its place in
        // line, and whoever came after the 50th takes its seat back. Exactly 50 stay, on any database.
        guard try await membersAhead(of: seat, in: conversationID) < Self.roomMemberLimit else {
            try await seat.delete(on: db)
            throw AppError.roomFull
        }
        try await welcome(user, to: conversation, by: me)
        return try await describe(conversationID, for: meID)
    }

    /// Members who joined before `seat` (by join time, then id: one order every request agrees on).
    private func membersAhead(of seat: ConversationMember, in conversationID: UUID) async throws -> Int {
        let joinedAt = seat.joinedAt, id = try seat.requireID()
        return try await ConversationMember.query(on: db).filter(\.$conversation.$id == conversationID)
            .group(.or) { either in
                either.filter(\.$joinedAt < joinedAt)
                either.group(.and) { $0.filter(\.$joinedAt == joinedAt).filter(\.$id < id) }
            }
            .count()
    }

    func leave(_ conversationID: UUID, by me: User) async throws {
        let meID = try me.requireID()
        let (conversation, seat) = try await chat.membership(of: meID, in: conversationID)
        guard conversation.kind == .room else { throw AppError.notARoom }
        try await seat.delete(on: db)
        chat.users.send(to: [meID], "conversation", ConversationEvent(event: .left, conversation: conversationID))
        _ = try await chat.post(ChatMessage(conversationID: conversationID, senderID: nil, kind: .system,
                                            body: "\(me.username) left", data: ["event": "member_left", "user": me.username]),
                                in: conversation, sender: nil)
    }

    /// Only friends can be added to a room (a block removes the friendship, so they never are blocked).
    private func invitable(_ username: String, by me: UUID, field: String) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$usernameKey == username).first() else {
            throw AppError.field(field, "No player is called \(username).", code: "user_not_found")
        }
        guard try await FriendsService.areFriends(me, user.requireID(), on: db) else {
            throw AppError.field(field, "You can add only your friends; \(user.username) isn't one yet.", code: "cannot_invite")
        }
        return user
    }

    private func welcome(_ user: User, to room: Conversation, by me: User) async throws {
        let id = try room.requireID()
        _ = try await chat.post(ChatMessage(conversationID: id, senderID: nil, kind: .system,
                                            body: "\(me.username) added \(user.username)",
                                            data: ["event": "member_added", "user": user.username, "by": me.username]),
                                in: room, sender: nil, readBy: me.id)
        try await Notifier(db: db, users: chat.users).notify(try user.requireID(), .roomInvite, actor: me,
                                                              data: ["conversation": id.uuidString, "room": room.name ?? ""])
        chat.users.send(to: [try user.requireID()], "conversation", ConversationEvent(event: .added, conversation: id))
    }

    private func isDirect(_ conversation: Conversation, withAnyOf blocked: Set<UUID>, me: UUID) async throws -> Bool {
        guard !blocked.isEmpty, let other = try await chat.otherMember(of: conversation, than: me) else { return false }
        return blocked.contains(other)
    }

    private func describe(_ conversation: Conversation, for me: UUID, seat: ConversationMember, unread: Int,
                          blocked: Set<UUID>) async throws -> ConversationDTO {
        let id = try conversation.requireID()
        let members = try await ConversationMember.query(on: db).filter(\.$conversation.$id == id).with(\.$user)
            .sort(\.$joinedAt).all().map(\.user)
        let other = conversation.kind == .direct ? members.first { $0.id != me } : nil
        let lastQuery = ChatMessage.query(on: db).filter(\.$conversation.$id == id).with(\.$sender)
        if !blocked.isEmpty { lastQuery.group(.or) { $0.filter(\.$sender.$id == nil).filter(\.$sender.$id !~ Array(blocked)) } }
        let last = try await lastQuery.sort(\.$id, .descending).first()
        return ConversationDTO(
            id: id, kind: conversation.kind,
            title: conversation.kind == .room ? (conversation.name ?? "Room") : (other?.username ?? "Conversation"),
            other: other.map(UserSummaryDTO.init),
            members: members.map(UserSummaryDTO.init),
            unread: unread, lastRead: seat.lastReadMessageID,
            lastMessage: try last.map { try ChatMessageDTO($0, sender: $0.sender) },
            updatedAt: conversation.lastMessageAt ?? conversation.createdAt)
    }
}

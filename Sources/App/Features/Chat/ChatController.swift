import Vapor

/// `/api/chat`: conversations (direct and rooms), their messages, read markers.
/// Sending is a plain POST (CSRF-checked, with clear errors); delivery is live
/// over the socket.
struct ChatController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let chat = routes.grouped("chat")
        chat.get("conversations", use: list)
        chat.post("direct", use: openDirect)
        chat.post("rooms", use: createRoom)
        let conversation = chat.grouped("conversations", ":id")
        conversation.get(use: describe)
        conversation.get("messages", use: messages)
        conversation.post("messages", use: send)
        conversation.post("read", use: markRead)
        conversation.post("members", use: addMember)
        conversation.delete("members", "me", use: leave)
    }

    private func conversationID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.conversationNotFound }
        return id
    }

    /// `?page=&per=` (default the first 100, most recent activity first).
    @Sendable func list(req: Request) async throws -> [ConversationDTO] {
        let (page, per) = try PageParameters.parse(req, defaultPer: ChatConversations.defaultListPage, maximumPer: 100)
        return try await req.chat.conversations.list(for: try req.requireUser().requireID(), page: page, per: per)
    }

    @Sendable func describe(req: Request) async throws -> ConversationDTO {
        try await req.chat.conversations.describe(try conversationID(req), for: try req.requireUser().requireID())
    }

    @Sendable func openDirect(req: Request) async throws -> ConversationDTO {
        let body = try req.decodeJSON(OpenDirectBody.self)
        return try await req.chat.conversations.openDirect(named: body.username, by: try req.requireUser())
    }

    @Sendable func createRoom(req: Request) async throws -> Response {
        let body = try req.decodeJSON(CreateRoomBody.self)
        let room = try await req.chat.conversations.createRoom(named: body.name, inviting: body.members ?? [], by: try req.requireUser())
        return try await room.encodeResponse(status: .created, for: req)
    }

    @Sendable func messages(req: Request) async throws -> ChatMessagePageDTO {
        try await req.chat.messages(
            in: try conversationID(req), for: try req.requireUser().requireID(),
            before: try CursorParameters.before(req),
            limit: try CursorParameters.limit(req, default: ChatService.defaultPageSize))
    }

    @Sendable func send(req: Request) async throws -> Response {
        let id = try conversationID(req)
        let body = try req.decodeJSON(SendMessageBody.self)
        if let key = body.clientKey, !ChatText.isValidClientKey(key) {
            throw AppError.field("clientKey", "Use 8 to 64 letters, digits, dashes or underscores.")
        }
        let sent = try await req.chat.send(body.text, from: try req.requireUser(), in: id, clientKey: body.clientKey)
        // A retry of a message already stored gets it back with 200: nothing is stored or sent twice.
        return try await sent.message.encodeResponse(status: sent.isNew ? .created : .ok, for: req)
    }

    @Sendable func markRead(req: Request) async throws -> ReadEvent {
        let id = try conversationID(req)
        let body = try req.decodeJSON(MarkReadBody.self)
        guard body.messageId >= 0 else { throw AppError.field("messageId", "Use the id of a message in this conversation.") }
        return try await req.chat.markRead(id, upTo: body.messageId, by: try req.requireUser())
    }

    @Sendable func addMember(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let body = try req.decodeJSON(AddMemberBody.self)
        return try await req.chat.conversations.addMember(
            body.username.trimmingCharacters(in: .whitespaces), to: id, by: try req.requireUser())
    }

    @Sendable func leave(req: Request) async throws -> HTTPStatus {
        try await req.chat.conversations.leave(try conversationID(req), by: try req.requireUser())
        return .noContent
    }
}

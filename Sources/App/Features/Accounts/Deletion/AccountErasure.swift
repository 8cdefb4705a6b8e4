import Fluent
import Foundation
import SQLKit

/// What deleting an account does to the rows that outlive it, in the transaction that deletes it.
/// Foreign keys already remove what is only the player's (sessions, settings, friendships, blocks,
/// notifications, ratings, codes) and unlink what others keep; this takes the player's name out of
/// what others keep, and removes what they wrote. `docs/MY-DATA.md` lists every table.
struct AccountErasure {
    /// How other players' records name a player whose account is gone.
    static let deletedPlayerName = "deleted player"

    let user: User
    let db: any Database

    func run() async throws {
        let id = try user.requireID()
        let sql = try db.sql
        let name = Self.deletedPlayerName
        // Other players' histories keep the game, not the name.
        try await sql.update("matches").set("left_name", to: name).where("left_user_id", .equal, id).run()
        try await sql.update("matches").set("right_name", to: name).where("right_user_id", .equal, id).run()
        try await sql.update("tournaments").set("creator_name", to: name).where("creator_id", .equal, id).run()
        try await sql.update("tournament_participants").set("name", to: name).where("user_id", .equal, id).run()
        // The audit log keeps what was done and why, not to or by whom.
        try await sql.update("moderation_log").set("target_name", to: name).set("target_id", to: SQLLiteral.null)
            .where("target_id", .equal, id).run()
        try await sql.update("moderation_log").set("actor_name", to: "deleted moderator").set("actor_id", to: SQLLiteral.null)
            .where("actor_id", .equal, id).run()
        try await eraseChat(of: id, on: sql)
        // Rows keyed by the player without a foreign key: the queue, open sockets, a sign-up's leftovers.
        try await sql.delete(from: "queue_entries").where("user_id", .equal, id).run()
        try await sql.delete(from: "socket_tabs").where("user_id", .equal, id).run()
        try await sql.delete(from: "signup_challenges").where("email_key", .equal, user.emailKey)
            .orWhere("username", .equal, user.username).run()
    }

    /// Messages are what a player wrote, so they go (a "deleted player" line would still be their
    /// words). Direct conversations go whole: the other side can't answer anyone any more. System
    /// lines in rooms that name the player ("alice left") are re-worded.
    private func eraseChat(of id: UUID, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "chat_messages").where("sender_id", .equal, id).run()
        try await sql.delete(from: "conversations").where("kind", .equal, "direct")
            .where("direct_key", .like, "%\(id.uuidString)%").run()
        let rows = try await sql.select().column("id").column("body").column("data").from("chat_messages")
            .where("kind", .equal, "system").where("body", .like, "%\(user.username)%").all()
        for row in rows {
            let messageID = try row.decode(column: "id", as: Int.self)
            let body = try row.decode(column: "body", as: String.self)
            let data = try row.decode(column: "data", as: String?.self)
            let newBody = Self.replacingName(user.username, in: body)
            let newData = data.map { Self.replacingName(user.username, in: $0) }
            guard newBody != body || newData != data else { continue }
            try await sql.update("chat_messages").set("body", to: newBody).set("data", to: newData)
                .where("id", .equal, messageID).run()
        }
    }

    /// `name` replaced wherever it stands as a whole username (not inside a longer one: deleting
    /// "al" leaves "alice" alone), case-insensitively as usernames are unique.
    static func replacingName(_ name: String, in text: String) -> String {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        guard let pattern = try? NSRegularExpression(pattern: "(?<![A-Za-z0-9_-])\(escaped)(?![A-Za-z0-9_-])", options: .caseInsensitive)
        else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return pattern.stringByReplacingMatches(
            in: text, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: deletedPlayerName))
    }
}

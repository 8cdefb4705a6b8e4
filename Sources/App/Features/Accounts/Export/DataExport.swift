import Fluent
import Foundation

/// "Download my data": everything the site keeps about one player, as one JSON document written
/// section by section. Long lists (matches with their points, messages, rating history,
/// notifications) are read a page at a time in a stable order, so memory stays bounded whatever
/// the history's length. `docs/MY-DATA.md` lists the sections.
struct DataExport {
    static let formatName = "transcendence-data-export"
    static let formatVersion = 1
    /// Rows read per query for the long lists.
    static let pageSize = 500

    /// Every row of `query`, `pageSize` at a time. By offset: the caller's order puts rows stored
    /// during the export (later times, higher ids) last, so they shift no page already read.
    static func inPages<Row: Model>(_ query: () -> QueryBuilder<Row>, _ each: ([Row]) async throws -> Void) async throws {
        var offset = 0
        while true {
            let page = try await query().range(offset..<(offset + pageSize)).all()
            try await each(page)
            guard page.count == pageSize else { return }
            offset += page.count
        }
    }

    let user: User
    let session: UUID?
    let db: any Database
    let now: Date

    func write(to out: JSONStreamWriter) async throws {
        let id = try user.requireID()
        try await out.openObject()
        try await out.field("format", Self.formatName)
        try await out.field("version", Self.formatVersion)
        try await out.field("exportedAt", now)
        try await out.field("profile", try await MeDTO.current(user, at: now, on: db))
        let settings = try await GameSettingsRecord.query(on: db).filter(\.$user.$id == id).first()
        try await out.field("gameSettings", settings.map(GameSettingsDTO.init))
        try await out.field("rating", try await PlayerRating.query(on: db).filter(\.$user.$id == id).first().map(ExportedRating.init))
        try await writeSessions(of: id, to: out)
        try await writePeople(of: id, to: out)
        try await ExportedConversations(userID: id, db: db).write(to: out)
        try await ExportedMatches(userID: id, db: db).write(to: out)
        try await writeTournaments(of: id, to: out)
        try await writeRatingHistory(of: id, to: out)
        try await writeNotifications(of: id, to: out)
        try await writeFairPlay(of: id, to: out)
        try await out.closeObject()
        try await out.finish()
    }

    private func writeSessions(of id: UUID, to out: JSONStreamWriter) async throws {
        let sessions = try await UserSession.query(on: db).filter(\.$user.$id == id).sort(\.$createdAt).all()
        try await out.field(
            "sessions",
            try sessions.map {
                SessionDTO(
                    id: try $0.requireID(), userAgent: $0.userAgent, ipAddress: $0.ipAddress, createdAt: $0.createdAt,
                    lastSeenAt: $0.lastSeenAt, current: $0.id == session)
            })
    }

    /// Friends (and requests either way), the players I blocked, and those I hid in chat rooms.
    private func writePeople(of id: UUID, to out: JSONStreamWriter) async throws {
        let friendships = try await Friendship.query(on: db)
            .group(.or) { $0.filter(\.$userLow.$id == id).filter(\.$userHigh.$id == id) }
            .with(\.$userLow).with(\.$userHigh).sort(\.$createdAt).all()
        try await out.field(
            "friends",
            friendships.map { friendship in
                let other = friendship.$userLow.id == id ? friendship.userHigh : friendship.userLow
                return ExportedFriend(
                    username: other.username, status: friendship.status.rawValue,
                    requestedBy: friendship.$requester.id == id ? "me" : "them", since: friendship.acceptedAt ?? friendship.createdAt)
            })
        let blocks = try await Block.query(on: db).filter(\.$blocker.$id == id).with(\.$blocked).sort(\.$createdAt).all()
        try await out.field("blocks", blocks.map { ExportedPerson(username: $0.blocked.username, since: $0.createdAt) })
        let hidden = try await HiddenSender.query(on: db).filter(\.$user.$id == id).with(\.$hidden).sort(\.$createdAt).all()
        try await out.field("hiddenInChat", hidden.map { ExportedPerson(username: $0.hidden.username, since: $0.createdAt) })
    }

    private func writeTournaments(of id: UUID, to out: JSONStreamWriter) async throws {
        let seats = try await TournamentParticipant.query(on: db).filter(\.$user.$id == id).with(\.$tournament).all()
        let created = try await Tournament.query(on: db).filter(\.$creator.$id == id).all()
        var rows = seats.map { ExportedTournament($0.tournament, seat: $0, createdByMe: $0.tournament.$creator.id == id) }
        let seated = Set(seats.map { $0.$tournament.id })
        rows += created.filter { !seated.contains($0.id ?? UUID()) }.map { ExportedTournament($0, seat: nil, createdByMe: true) }
        try await out.field("tournaments", rows.sorted { $0.createdAt < $1.createdAt })
    }

    private func writeRatingHistory(of id: UUID, to out: JSONStreamWriter) async throws {
        try await out.openArray("ratingHistory")
        try await Self.inPages({ RatingChange.query(on: db).filter(\.$user.$id == id).sort(\.$createdAt).sort(\.$id) }) { page in
            for change in page { try await out.element(ExportedRatingChange(change)) }
        }
        try await out.closeArray()
    }

    private func writeNotifications(of id: UUID, to out: JSONStreamWriter) async throws {
        try await out.openArray("notifications")
        try await Self.inPages({ UserNotification.query(on: db).filter(\.$user.$id == id).with(\.$actor).sort(\.$id) }) { page in
            for notification in page { try await out.element(try NotificationDTO(notification, actor: notification.actor)) }
        }
        try await out.closeArray()
    }

    /// Reports I filed, games I left, and the playbans they earned.
    private func writeFairPlay(of id: UUID, to out: JSONStreamWriter) async throws {
        let reports = try await Report.query(on: db).filter(\.$reporter.$id == id).with(\.$target).sort(\.$createdAt).all()
        try await out.field("reportsFiled", reports.map(ExportedReport.init))
        let abandonments = try await Abandonment.query(on: db).filter(\.$user.$id == id).sort(\.$at).all()
        try await out.field(
            "abandonedGames", abandonments.map { ExportedAbandonment(matchId: $0.matchID, reason: $0.reason.rawValue, at: $0.at) })
        let bans = try await Playban.query(on: db).filter(\.$user.$id == id).sort(\.$startedAt).all()
        try await out.field("playbans", bans.map { ExportedPlayban(level: $0.level, startedAt: $0.startedAt, until: $0.until) })
    }
}

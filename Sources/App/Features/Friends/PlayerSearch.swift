import Fluent
import FluentSQL
import SQLKit
import Vapor

/// Finding players by the start of their username, for "add a friend".
/// Players you blocked and yourself are left out.
struct PlayerSearch {
    static let defaultPageSize = 20
    static let maximumPageSize = 50

    let db: any Database

    /// `query` must look like the start of a username (the same characters), so
    /// nothing reaches LIKE but letters, digits, `_` and `-`, and `_` is escaped.
    static func problem(with query: String) -> String? {
        guard (1...AccountRules.usernameLength.upperBound).contains(query.count) else {
            return "Type 1 to \(AccountRules.usernameLength.upperBound) characters of a username."
        }
        let allowed = query.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
        return allowed ? nil : "Usernames have only letters, digits, _ and -."
    }

    func search(_ query: String, for me: UUID, page: Int, per: Int) async throws -> PlayerSearchPageDTO {
        let pattern = query.lowercased().replacingOccurrences(of: "_", with: "\\_") + "%"
        let blocked = try await Block.blockedIDs(by: me, on: db)
        let matches = User.query(on: db)
            .filter(.sql(SQLQueryString("\(ident: "username_key") LIKE \(bind: pattern) ESCAPE '\\'")))
            .filter(\.$id != me)
        if !blocked.isEmpty { matches.filter(\.$id !~ Array(blocked)) }
        let total = try await matches.copy().count()
        let found = try await matches.sort(\.$usernameKey).range(((page - 1) * per)..<(page * per)).all()
        let rows = try await Friendship.involving(me, on: db).all()
        let byOther = Dictionary(rows.map { ($0.other(than: me), $0) }, uniquingKeysWith: { first, _ in first })
        let items = found.compactMap { user -> RelationDTO? in
            guard let id = user.id else { return nil }
            return RelationDTO(user: UserSummaryDTO(user), relation: FriendsService.relation(of: me, in: byOther[id]))
        }
        return PlayerSearchPageDTO(items: items, page: page, per: per, total: total)
    }
}

extension Application {
    func playerSearch(on db: any Database) -> PlayerSearch {
        PlayerSearch(db: db)
    }
}

extension Request {
    var playerSearch: PlayerSearch { application.playerSearch(on: db) }
}

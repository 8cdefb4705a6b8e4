import Vapor

/// `?before=<id>&limit=<n>` for lists paged backwards by integer id (chat
/// messages, notifications). New rows only ever get larger ids, so a cursor
/// stays valid however much arrives meanwhile.
enum CursorParameters {
    static let maximumLimit = 100

    static func before(_ req: Request) throws -> Int? {
        guard let raw = req.query[String.self, at: "before"] else { return nil }
        guard let id = Int(raw), id > 0 else { throw AppError.field("before", "Use the id of a message you already have.") }
        return id
    }

    static func limit(_ req: Request, default value: Int) throws -> Int {
        guard let raw = req.query[String.self, at: "limit"] else { return value }
        guard let limit = Int(raw), (1...maximumLimit).contains(limit) else {
            throw AppError.field("limit", "Use a whole number from 1 to \(maximumLimit).")
        }
        return limit
    }
}

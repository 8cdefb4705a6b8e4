import Vapor

/// `?page=` from 1 and `?per=` up to a list's maximum, for lists paged by number
/// (matches, player search, conversations); anything else is a 400 naming the parameter.
enum PageParameters {
    static let maximumPage = 100_000

    static func parse(_ req: Request, defaultPer: Int, maximumPer: Int) throws -> (page: Int, per: Int) {
        func number(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
            guard let raw = req.query[String.self, at: name] else { return value }
            guard let parsed = Int(raw), range.contains(parsed) else {
                throw AppError.field(name, "Use a whole number from \(range.lowerBound) to \(range.upperBound).")
            }
            return parsed
        }
        return (try number("page", default: 1, in: 1...maximumPage), try number("per", default: defaultPer, in: 1...maximumPer))
    }
}

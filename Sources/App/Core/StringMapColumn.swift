import Foundation

/// A `[String: String]` kept in one text column as a JSON object: the details of
/// a system chat line or a notification, which vary by kind.
enum StringMapColumn {
    static func encode(_ map: [String: String]?) -> String? {
        map.flatMap { try? String(decoding: JSONEncoder.api.encode($0), as: UTF8.self) }
    }

    static func decode(_ text: String?) -> [String: String]? {
        text.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
    }
}

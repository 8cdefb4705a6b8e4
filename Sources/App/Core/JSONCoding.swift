import Vapor

extension JSONEncoder {
    /// Sorted keys make identical answers identical bytes (Linux Foundation
    /// otherwise orders keys by hash, which differs between responses).
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension ContentConfiguration {
    static func api() -> ContentConfiguration {
        var configuration = ContentConfiguration.default()
        configuration.use(encoder: JSONEncoder.api, for: .json)
        return configuration
    }
}

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

extension JSONDecoder {
    /// Reads what `JSONEncoder.api` writes (tests decode answers into the DTOs with it).
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension ContentConfiguration {
    static func api() -> ContentConfiguration {
        var configuration = ContentConfiguration.default()
        configuration.use(encoder: JSONEncoder.api, for: .json)
        return configuration
    }
}

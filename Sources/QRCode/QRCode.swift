/// A QR code (ISO/IEC 18004) in byte mode at error-correction level M, for
/// versions 1 to 10 (up to 213 bytes): enough for an `otpauth://` URI. No
/// library for this exists on our package mirror, so it is written here and
/// checked against a real decoder (zbarimg) in the tests.
public struct QRCode: Sendable {
    public let version: Int
    public let size: Int
    /// Row-major, `true` is a dark module.
    public let modules: [[Bool]]
    public let mask: Int

    public enum EncodingError: Error, Equatable {
        case tooLong(bytes: Int, maximum: Int)
    }

    public static var maximumBytes: Int { QRTables.capacity(version: QRTables.maximumVersion) }

    public init(bytes: [UInt8]) throws {
        guard let version = (1...QRTables.maximumVersion).first(where: { QRTables.capacity(version: $0) >= bytes.count }) else {
            throw EncodingError.tooLong(bytes: bytes.count, maximum: Self.maximumBytes)
        }
        let codewords = QRCodewords.interleaved(data: QRCodewords.dataCodewords(bytes, version: version), version: version)
        var best: QRMatrix?
        var bestPenalty = Int.max
        for mask in 0..<8 {
            var matrix = QRMatrix(version: version)
            matrix.placeFunctionPatterns()
            matrix.placeData(codewords)
            matrix.applyMask(mask)
            matrix.placeFormatInformation(mask: mask)
            matrix.placeVersionInformation()
            let penalty = matrix.penalty()
            if penalty < bestPenalty {
                bestPenalty = penalty
                best = matrix
            }
        }
        let chosen = best!
        self.version = version
        self.size = chosen.size
        self.modules = chosen.dark
        self.mask = chosen.mask
    }

    public init(text: String) throws {
        try self.init(bytes: Array(text.utf8))
    }

    /// A crisp SVG: one path of unit squares, a 4-module quiet zone, and
    /// `shape-rendering="crispEdges"` so scanners see sharp edges at any size.
    public func svg(moduleSize: Int = 6, dark: String = "#000", light: String = "#fff", title: String? = nil) -> String {
        let quiet = 4
        let total = size + quiet * 2
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < size {
                guard row[x] else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && row[x] { x += 1 }
                path += "M\(start + quiet) \(y + quiet)h\(x - start)v1h-\(x - start)z"
            }
        }
        let label = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(total) \(total)" width="\(total * moduleSize)" \
            height="\(total * moduleSize)" shape-rendering="crispEdges" role="img">\(label)\
            <rect width="\(total)" height="\(total)" fill="\(light)"/><path d="\(path)" fill="\(dark)"/></svg>
            """
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

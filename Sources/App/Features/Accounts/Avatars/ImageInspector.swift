/// Identifies an uploaded picture from its bytes alone (the client's file name
/// and declared type are ignored) and reads its pixel size from the header.
enum ImageInspector {
    enum Format: String, Sendable {
        case png, jpeg, gif, webp

        var mediaType: String {
            switch self {
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            case .gif: "image/gif"
            case .webp: "image/webp"
            }
        }

        var fileExtension: String { rawValue == "jpeg" ? "jpg" : rawValue }
    }

    struct Image: Equatable, Sendable {
        let format: Format
        let width: Int
        let height: Int
    }

    /// Nil when the bytes are not a PNG, JPEG, GIF or WebP with a readable size.
    static func inspect(_ bytes: [UInt8]) -> Image? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(bytes) }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return gif(bytes) }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return webp(bytes)
        }
        return nil
    }

    private static func png(_ b: [UInt8]) -> Image? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        return sized(.png, bigEndian32(b, 16), bigEndian32(b, 20))
    }

    private static func gif(_ b: [UInt8]) -> Image? {
        guard b.count >= 10 else { return nil }
        return sized(.gif, littleEndian(b, 6, count: 2), littleEndian(b, 8, count: 2))
    }

    /// Walks the JPEG markers up to the first start-of-frame, which holds the size.
    private static func jpeg(_ b: [UInt8]) -> Image? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF {
                i += 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD8).contains(marker) {
                i += 2
                continue
            }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            let isStartOfFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isStartOfFrame {
                return sized(.jpeg, Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]))
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }

    /// A WebP is a RIFF file of chunks: the sizes must add up, and the image chunk's
    /// bitstream header must be a real one (a header of zeros with the right magic is not).
    private static func webp(_ b: [UInt8]) -> Image? {
        let riffSize = littleEndian(b, 4, count: 4)
        guard riffSize >= 4 + 8 + 10, riffSize + 8 <= b.count else { return nil }
        let end = 8 + riffSize
        guard let first = chunk(b, at: 12, end: end) else { return nil }
        switch first.tag {
        case "VP8X":
            guard first.size == 10 else { return nil }
            // An extended file still has to carry image data after its header chunk.
            var offset = first.next
            var hasImage = false
            while let next = chunk(b, at: offset, end: end) {
                if next.tag == "VP8 " { hasImage = lossy(b, next) != nil }
                if next.tag == "VP8L" { hasImage = lossless(b, next) != nil }
                if next.tag == "ANMF" { hasImage = next.size > 16 }
                if hasImage { break }
                offset = next.next
            }
            guard hasImage else { return nil }
            return sized(.webp, littleEndian(b, first.start + 4, count: 3) + 1, littleEndian(b, first.start + 7, count: 3) + 1)
        case "VP8L":
            return lossless(b, first)
        case "VP8 ":
            return lossy(b, first)
        default:
            return nil
        }
    }

    private struct Chunk {
        let tag: String
        /// Where its data starts, its size, and where the next chunk starts (sizes are padded to even).
        let start: Int
        let size: Int
        var next: Int { start + size + (size & 1) }
    }

    private static func chunk(_ b: [UInt8], at offset: Int, end: Int) -> Chunk? {
        guard offset + 8 <= end else { return nil }
        let size = littleEndian(b, offset + 4, count: 4)
        guard size > 0, offset + 8 + size <= end else { return nil }
        return Chunk(tag: String(decoding: b[offset..<offset + 4], as: UTF8.self), start: offset + 8, size: size)
    }

    /// VP8L: signature 0x2F, then 14-bit width and height, alpha bit, and a 3-bit version that must be 0.
    private static func lossless(_ b: [UInt8], _ chunk: Chunk) -> Image? {
        guard chunk.size > 5, b[chunk.start] == 0x2F else { return nil }
        let bits = littleEndian(b, chunk.start + 1, count: 4)
        guard bits >> 29 == 0 else { return nil }
        return sized(.webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    }

    /// VP8: a shown key frame (tag bits), a first partition that fits, the start code, then the size.
    private static func lossy(_ b: [UInt8], _ chunk: Chunk) -> Image? {
        guard chunk.size >= 10 else { return nil }
        let tag = littleEndian(b, chunk.start, count: 3)
        let isKeyFrame = tag & 1 == 0, version = (tag >> 1) & 7, shown = (tag >> 4) & 1 == 1
        let firstPartition = tag >> 5
        guard isKeyFrame, version <= 3, shown, firstPartition > 0, firstPartition < chunk.size,
            Array(b[chunk.start + 3..<chunk.start + 6]) == [0x9D, 0x01, 0x2A]
        else { return nil }
        return sized(.webp, littleEndian(b, chunk.start + 6, count: 2) & 0x3FFF, littleEndian(b, chunk.start + 8, count: 2) & 0x3FFF)
    }

    private static func sized(_ format: Format, _ width: Int, _ height: Int) -> Image? {
        guard width > 0, height > 0 else { return nil }
        return Image(format: format, width: width, height: height)
    }

    private static func bigEndian32(_ b: [UInt8], _ at: Int) -> Int {
        (0..<4).reduce(0) { $0 << 8 | Int(b[at + $1]) }
    }

    private static func littleEndian(_ b: [UInt8], _ at: Int, count: Int) -> Int {
        (0..<count).reversed().reduce(0) { $0 << 8 | Int(b[at + $1]) }
    }
}

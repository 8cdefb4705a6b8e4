/// Headers of real image formats, built byte by byte, for upload tests.
enum ImageBytes {
    static func png(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + be32(width) + be32(height) + [8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89] + Array(repeating: 0, count: 32)
    }

    static func jpeg(width: Int, height: Int) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00]
            + [0xFF, 0xC0, 0x00, 0x11, 0x08] + be16(height) + be16(width) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
            + [0xFF, 0xD9]
    }

    static func gif(width: Int, height: Int) -> [UInt8] {
        Array("GIF89a".utf8) + le(width, 2) + le(height, 2) + [0, 0, 0, 0x3B]
    }

    static func webpExtended(width: Int, height: Int) -> [UInt8] {
        riff(Array("VP8X".utf8) + le(10, 4) + [0, 0, 0, 0] + le(width - 1, 3) + le(height - 1, 3) + losslessChunk(width, height))
    }

    static func webpLossless(width: Int, height: Int) -> [UInt8] {
        riff(losslessChunk(width, height))
    }

    static func webpLossy(width: Int, height: Int) -> [UInt8] {
        // Frame tag: key frame, version 0, shown, a first partition of 8 bytes.
        let tag = 0 | 0 << 1 | 1 << 4 | 8 << 5
        return riff(
            Array("VP8 ".utf8) + le(18, 4) + le(tag, 3) + [0x9D, 0x01, 0x2A] + le(width, 2) + le(height, 2) + Array(repeating: 0, count: 8))
    }

    /// What the issue found accepted: the WebP magic and a VP8X header, then nothing but zeros.
    static let zeroWebP: [UInt8] = Array("RIFF".utf8) + le(22, 4) + Array("WEBP".utf8) + Array("VP8X".utf8) + Array(repeating: 0, count: 14)

    private static func losslessChunk(_ width: Int, _ height: Int) -> [UInt8] {
        let bits = (width - 1) | (height - 1) << 14
        return Array("VP8L".utf8) + le(10, 4) + [0x2F] + le(bits, 4) + [0, 0, 0, 0, 0]
    }

    private static func riff(_ chunk: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + le(chunk.count + 4, 4) + Array("WEBP".utf8) + chunk
    }

    private static func be32(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8((value >> ($0 * 8)) & 0xFF) } }
    private static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    private static func le(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
}

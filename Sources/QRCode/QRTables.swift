/// The parts of the standard's tables that versions 1–10 at level M need.
enum QRTables {
    static let maximumVersion = 10

    /// Error-correction blocks at level M: (count, data codewords per block), and EC codewords per block.
    static let blocks: [(groups: [(count: Int, data: Int)], ecPerBlock: Int)] = [
        ([(1, 16)], 10), ([(1, 28)], 16), ([(1, 44)], 26), ([(2, 32)], 18), ([(2, 43)], 24),
        ([(4, 27)], 16), ([(4, 31)], 18), ([(2, 38), (2, 39)], 22), ([(3, 36), (2, 37)], 22), ([(4, 43), (1, 44)], 26)
    ]

    static let alignmentCenters: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]
    ]

    static func dataCodewords(version: Int) -> Int {
        blocks[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
    }

    /// Byte-mode header: 4 mode bits and an 8-bit (v1–9) or 16-bit (v10+) length.
    static func countBits(version: Int) -> Int { version < 10 ? 8 : 16 }

    static func capacity(version: Int) -> Int {
        (dataCodewords(version: version) * 8 - 4 - countBits(version: version)) / 8
    }
}

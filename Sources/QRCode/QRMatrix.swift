/// The module grid: function patterns, data placement, masking, format and
/// version information, and the standard's penalty score for choosing a mask.
/// Coordinates are (x: column, y: row).
struct QRMatrix {
    let version: Int
    let size: Int
    private(set) var dark: [[Bool]]
    /// Function modules: never data, never masked.
    private var reserved: [[Bool]]
    private(set) var mask = 0

    init(version: Int) {
        self.version = version
        self.size = version * 4 + 17
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        reserved = dark
    }

    private mutating func set(_ x: Int, _ y: Int, _ isDark: Bool) {
        dark[y][x] = isDark
        reserved[y][x] = true
    }

    mutating func placeFunctionPatterns() {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        placeFinder(centerX: 3, centerY: 3)
        placeFinder(centerX: size - 4, centerY: 3)
        placeFinder(centerX: 3, centerY: size - 4)
        let centers = QRTables.alignmentCenters[version - 1]
        for (i, cx) in centers.enumerated() {
            for (j, cy) in centers.enumerated() {
                let last = centers.count - 1
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // Reserve the format and version areas now; their bits are written after masking.
        placeFormatInformation(mask: 0)
        placeVersionInformation()
    }

    private mutating func placeFinder(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx, y = centerY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                set(x, y, distance != 2 && distance != 4)
            }
        }
    }

    /// The zigzag from the bottom-right corner, two columns at a time, skipping the timing column.
    mutating func placeData(_ codewords: [UInt8]) {
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !reserved[y][x], bitIndex < codewords.count * 8 else { continue }
                    dark[y][x] = (codewords[bitIndex >> 3] >> (7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    mutating func applyMask(_ mask: Int) {
        self.mask = mask
        for y in 0..<size {
            for x in 0..<size where !reserved[y][x] {
                let flip: Bool
                switch mask {
                case 0: flip = (x + y) % 2 == 0
                case 1: flip = y % 2 == 0
                case 2: flip = x % 3 == 0
                case 3: flip = (x + y) % 3 == 0
                case 4: flip = (x / 3 + y / 2) % 2 == 0
                case 5: flip = x * y % 2 + x * y % 3 == 0
                case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
                default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if flip { dark[y][x].toggle() }
            }
        }
    }

    /// Level M (bits 00) and the mask, BCH-protected, in both copies.
    mutating func placeFormatInformation(mask: Int) {
        let data = mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0..<6 { set(8, i, bit(i)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true) // the "dark module"
    }

    mutating func placeVersionInformation() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for i in 0..<18 {
            let isDark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            set(a, b, isDark)
            set(b, a, isDark)
        }
    }

    /// The standard's four penalty rules; the mask with the lowest score is used.
    func penalty() -> Int {
        var score = 0
        let lines = dark + (0..<size).map { x in (0..<size).map { y in dark[y][x] } }
        let finderLike: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
        for line in lines {
            var run = 1
            for i in 1..<size {
                if line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { score += run - 2 }
            for start in 0...(size - finderLike.count) {
                let window = Array(line[start..<start + finderLike.count])
                if window == finderLike || window == finderLike.reversed() { score += 40 }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let color = dark[y][x]
                if dark[y][x + 1] == color && dark[y + 1][x] == color && dark[y + 1][x + 1] == color { score += 3 }
            }
        }
        let total = size * size
        let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
        score += ((abs(darkCount * 20 - total * 10) + total - 1) / total - 1) * 10
        return score
    }
}

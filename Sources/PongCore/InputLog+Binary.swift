/// The stored form of an input log: a few bytes per key change, so a whole game is a few KB.
///
///     version (1 byte, 1) · endTick (varint) · count (varint) · count × varint(Δtick << 3 | side << 2 | key)
///
/// Entries are in tick order, each tick a delta from the one before (LEB128 varints: a change a few
/// ticks after the last one is one byte). `side` is 0 left, 1 right; `key` 0 up, 1 down, 2 none.
extension InputLog {
    static let formatVersion: UInt8 = 1
    /// Far more than a game makes (a key change every tick of a 30-minute game is 108,000): a log
    /// claiming more is damaged.
    public static let maximumEntries = 200_000

    public var encoded: [UInt8] {
        var bytes: [UInt8] = [Self.formatVersion]
        let sorted = entries
        appendVarint(UInt64(max(endTick, 0)), to: &bytes)
        appendVarint(UInt64(sorted.count), to: &bytes)
        var previous = 0
        for entry in sorted {
            let delta = UInt64(entry.tick - previous)
            previous = entry.tick
            let side: UInt64 = entry.side == .left ? 0 : 1
            let key: UInt64 = entry.key == .up ? 0 : entry.key == .down ? 1 : 2
            appendVarint(delta << 3 | side << 2 | key, to: &bytes)
        }
        return bytes
    }

    /// A log from its stored bytes, or nil if they are not one (wrong version, truncated, a key out of range).
    public init?(encoded bytes: [UInt8]) {
        var reader = VarintReader(bytes: bytes[...])
        guard bytes.first == Self.formatVersion else { return nil }
        reader.bytes.removeFirst()
        guard let end = reader.next(), end <= Int.max >> 8, let count = reader.next(), count <= Self.maximumEntries
        else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        var tick = 0
        for _ in 0..<count {
            guard let value = reader.next() else { return nil }
            let key: PaddleInput
            switch value & 3 {
            case 0: key = .up
            case 1: key = .down
            case 2: key = .none
            default: return nil
            }
            guard value >> 3 <= UInt64(Int.max >> 8) else { return nil }
            tick += Int(value >> 3)
            guard tick <= Int(end) + 1 else { return nil }
            entries.append(Entry(tick: tick, side: value & 4 == 0 ? .left : .right, key: key))
        }
        guard reader.bytes.isEmpty else { return nil }
        self.init(entries: entries, endTick: Int(end))
    }
}

private func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var rest = value
    while rest >= 0x80 {
        bytes.append(UInt8(rest & 0x7F) | 0x80)
        rest >>= 7
    }
    bytes.append(UInt8(rest))
}

private struct VarintReader {
    var bytes: ArraySlice<UInt8>

    /// The next varint, or nil if the bytes end inside one or it is longer than 64 bits.
    mutating func next() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = bytes.popFirst() {
            guard shift < 64 else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}

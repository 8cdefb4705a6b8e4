import Foundation
import PongCore

/// The message a game sends most, read without `JSONDecoder`: a key change in the exact shape
/// the clients write it, `{"t":"input","d":{"seq":1,"side":"left","key":"up","tick":42}}` (the
/// four fields in any order, `tick` optional or null, no spaces). At thousands of games a second
/// the general decoder was an eighth of the server's time. Anything else, including every
/// malformed or unusual message, returns nil and goes through `JSONDecoder`, which decides what
/// is valid: this reader never accepts what the decoder would refuse, and reads what it accepts
/// the same way (a test holds it to that).
extension ClientMessage {
    static func keyChange(_ text: String) -> ClientMessage? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = KeyChangeReader(bytes: bytes)
            return reader.read()
        }
    }
}

private struct KeyChangeReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    // The literals, made once: this runs for every key change of every game.
    private static let head = Array(#"{"t":"input","d":{"#.utf8)
    private static let null = Array("null".utf8)
    private static let end = Array("}}".utf8)
    private static let notAnInteger: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")]

    mutating func read() -> ClientMessage? {
        guard bytes.count < 160, skip(Self.head) else { return nil }
        var seq: Int?
        var side: Side?
        var key: PaddleInput?
        var tick: Int??
        while true {
            guard let name = string() else { return nil }
            guard skip(UInt8(ascii: ":")) else { return nil }
            switch name {
            case "seq" where seq == nil:
                guard let value = integer() else { return nil }
                seq = value
            case "side" where side == nil:
                guard let value = string().flatMap(Side.init(rawValue:)) else { return nil }
                side = value
            case "key" where key == nil:
                guard let value = string().flatMap(PaddleInput.init(rawValue:)) else { return nil }
                key = value
            case "tick" where tick == nil:
                if skip(Self.null) {
                    tick = .some(nil)
                } else {
                    guard let value = integer() else { return nil }
                    tick = .some(value)
                }
            default:
                // An unknown or repeated field: the general decoder's rules apply.
                return nil
            }
            if skip(UInt8(ascii: ",")) { continue }
            guard skip(Self.end), at == bytes.count else { return nil }
            break
        }
        guard let seq, let side, let key else { return nil }
        return .input(seq: seq, side: side, key: key, tick: tick ?? nil)
    }

    private mutating func skip(_ byte: UInt8) -> Bool {
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    private mutating func skip(_ literal: [UInt8]) -> Bool {
        guard bytes.count - at >= literal.count else { return false }
        for (offset, byte) in literal.enumerated() where bytes[at + offset] != byte { return false }
        at += literal.count
        return true
    }

    /// A string of plain ASCII letters (field names and the enum values); escapes are the decoder's.
    private mutating func string() -> String? {
        guard skip(UInt8(ascii: "\"")) else { return nil }
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            let byte = bytes[at] | 0x20
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { return nil }
            at += 1
        }
        guard at > start, at - start <= 8, skip(UInt8(ascii: "\"")) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at - 1]), as: UTF8.self)
    }

    /// A plain decimal integer of at most 15 digits (no sign but a leading minus, no leading zero,
    /// no fraction or exponent): exactly what `Int` decodes, with no overflow to think about.
    private mutating func integer() -> Int? {
        let negative = skip(UInt8(ascii: "-"))
        let start = at
        var value = 0
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
            // Counted past 15 digits but no longer added up: a long number must not overflow here.
            if at - start < 15 { value = value * 10 + Int(bytes[at] - UInt8(ascii: "0")) }
            at += 1
        }
        let digits = at - start
        guard digits >= 1, digits <= 15, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        // A fraction or an exponent follows: a number `Int` may still take (1.0, 1e2), the decoder's call.
        if at < bytes.count, Self.notAnInteger.contains(bytes[at]) { return nil }
        return negative ? -value : value
    }
}

import NIOCore
import PongCore

/// The hot path: a keyframe, one binary WebSocket message of 40 bytes, little-endian, written
/// without any JSON, sent when a game's motion changes and every 500 ms (`KeyframeSchedule`); the
/// receiver computes the ticks in between from it (`Keyframe.state(atTick:)`, and its twin in
/// `Public/js/game/engine/keyframes.js`). Its layout is `layout`, and only there: the encoder
/// below follows it, the browser's decoder reads the same table from the generated
/// `Public/js/realtime-events.js`, and the OpenAPI description of `/api/ws` prints it.
enum SnapshotFrame {
    static let kind: UInt8 = Kind.keyframe.rawValue
    static let byteCount = 40

    enum Kind: UInt8, Sendable {
        case keyframe = 1
        /// Test-only (`GAME_TRUTH_STREAM=1`): the true state of every tick, same layout.
        case truth = 3
    }

    /// The keys each player holds, and whether the court stands still (the countdown before play
    /// or after a resume, a pause, the end): one byte, 2 bits a side (0 none, 1 up, 2 down) and bit 4.
    struct Keys: Sendable, Equatable {
        let left: PaddleInput
        let right: PaddleInput
        let frozen: Bool

        var byte: UInt8 {
            func bits(_ key: PaddleInput) -> UInt8 {
                switch key {
                case .none: 0
                case .up: 1
                case .down: 2
                }
            }
            return bits(left) | bits(right) << 2 | (frozen ? 1 << 4 : 0)
        }

        init(left: PaddleInput, right: PaddleInput, frozen: Bool) {
            (self.left, self.right, self.frozen) = (left, right, frozen)
        }

        init(byte: UInt8) {
            func key(_ bits: UInt8) -> PaddleInput { bits == 1 ? .up : bits == 2 ? .down : .none }
            self.init(left: key(byte & 3), right: key(byte >> 2 & 3), frozen: byte & 16 != 0)
        }
    }

    enum Phase: UInt8, CaseIterable {
        case countdown = 0
        case playing
        case paused
        case over
    }

    /// What one frame says.
    struct Values {
        let kind: Kind
        let snapshot: PongSnapshot
        let phase: Phase
        let countdown: Int
        let keys: Keys
        let serverTick: Int
        let lastInput: Int
    }

    enum FieldType: String, Sendable {
        case u8, u16, u32, f32

        var size: Int {
            switch self {
            case .u8: 1
            case .u16: 2
            case .u32, .f32: 4
            }
        }
    }

    struct Field: Sendable {
        /// The browser's name for it.
        let name: String
        let offset: Int
        let type: FieldType
        let meaning: String
        let value: @Sendable (Values) -> Double
    }

    static let layout: [Field] = [
        Field(name: "kind", offset: 0, type: .u8, meaning: "1 = keyframe, 3 = every tick's true state (test-only)") {
            Double($0.kind.rawValue)
        },
        Field(name: "phase", offset: 1, type: .u8, meaning: "0 countdown, 1 playing, 2 paused, 3 over") { Double($0.phase.rawValue) },
        Field(name: "countdown", offset: 2, type: .u8, meaning: "countdown ticks left") { Double($0.countdown) },
        Field(
            name: "keys", offset: 3, type: .u8,
            meaning: "keys held: bits 0-1 left, 2-3 right (0 none, 1 up, 2 down); bit 4 the court stands still"
        ) { Double($0.keys.byte) },
        Field(name: "tick", offset: 4, type: .u32, meaning: "server tick") { Double($0.serverTick) },
        Field(name: "ballX", offset: 8, type: .f32, meaning: "ball centre x") { $0.snapshot.ballX },
        Field(name: "ballY", offset: 12, type: .f32, meaning: "ball centre y") { $0.snapshot.ballY },
        Field(name: "ballVX", offset: 16, type: .f32, meaning: "ball velocity x") { $0.snapshot.ballVX },
        Field(name: "ballVY", offset: 20, type: .f32, meaning: "ball velocity y") { $0.snapshot.ballVY },
        Field(name: "leftY", offset: 24, type: .f32, meaning: "left paddle's top edge") { $0.snapshot.leftPaddleY },
        Field(name: "rightY", offset: 28, type: .f32, meaning: "right paddle's top edge") { $0.snapshot.rightPaddleY },
        Field(name: "leftScore", offset: 32, type: .u8, meaning: "left score") { Double($0.snapshot.leftScore) },
        Field(name: "rightScore", offset: 33, type: .u8, meaning: "right score") { Double($0.snapshot.rightScore) },
        Field(name: "rally", offset: 34, type: .u16, meaning: "paddle hits this rally") { Double($0.snapshot.rally) },
        Field(name: "lastInput", offset: 36, type: .u32, meaning: "the last input sequence number the server applied") {
            Double($0.lastInput)
        }
    ]

    /// The frame of one tick, written by the table once per game; each player's copy then gets their
    /// own `lastInput` (`stamp`), so the table is walked once per tick, not once per recipient.
    static func encode(
        _ snapshot: PongSnapshot, kind: Kind = .keyframe, phase: Phase, countdown: Int, keys: Keys, serverTick: Int
    ) -> ByteBuffer {
        let values = Values(
            kind: kind, snapshot: snapshot, phase: phase, countdown: countdown, keys: keys, serverTick: serverTick, lastInput: 0)
        var buffer = ByteBuffer()
        buffer.writeRepeatingByte(0, count: byteCount)
        for field in layout {
            let value = field.value(values)
            switch field.type {
            case .u8: buffer.setInteger(UInt8(clamping: Int(value)), at: field.offset)
            case .u16: buffer.setInteger(UInt16(clamping: Int(value)), at: field.offset, endianness: .little)
            case .u32: buffer.setInteger(UInt32(truncatingIfNeeded: Int(value)), at: field.offset, endianness: .little)
            case .f32: buffer.setInteger(Float(value).bitPattern, at: field.offset, endianness: .little)
            }
        }
        return buffer
    }

    private static let lastInputOffset = layout.first { $0.name == "lastInput" }?.offset ?? 36

    /// Appends `frame` to `buffer` with `lastInput` in it.
    static func stamp(_ frame: ByteBuffer, lastInput: Int, into buffer: inout ByteBuffer) {
        let start = buffer.writerIndex
        buffer.writeImmutableBuffer(frame)
        if lastInput != 0 {
            buffer.setInteger(UInt32(truncatingIfNeeded: lastInput), at: start + lastInputOffset, endianness: .little)
        }
    }

    /// Reads a frame back by the same table (tests, and anything in Swift that needs to).
    static func read(_ bytes: [UInt8]) -> [String: Double] {
        let buffer = ByteBuffer(bytes: bytes)
        var values: [String: Double] = [:]
        for field in layout {
            switch field.type {
            case .u8: values[field.name] = buffer.getInteger(at: field.offset, as: UInt8.self).map(Double.init)
            case .u16: values[field.name] = buffer.getInteger(at: field.offset, endianness: .little, as: UInt16.self).map(Double.init)
            case .u32: values[field.name] = buffer.getInteger(at: field.offset, endianness: .little, as: UInt32.self).map(Double.init)
            case .f32:
                values[field.name] = buffer.getInteger(at: field.offset, endianness: .little, as: UInt32.self)
                    .map { Double(Float(bitPattern: $0)) }
            }
        }
        return values
    }
}

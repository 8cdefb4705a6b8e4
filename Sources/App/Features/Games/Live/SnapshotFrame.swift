import NIOCore
import PongCore

/// The hot path: one binary WebSocket message per tick per game, 40 bytes,
/// little-endian, written without any JSON. Layout (the browser decodes it in
/// `Public/js/game/protocol.js`):
///
///     0  u8   kind (1 = snapshot)      1  u8  phase (0 countdown, 1 playing, 2 paused, 3 over)
///     2  u8   countdown ticks left     3  u8  reserved
///     4  u32  server tick
///     8  f32  ball x, ball y, ball vx, ball vy, left paddle y, right paddle y (top edges)
///     32 u8   left score               33 u8  right score
///     34 u16  paddle hits this rally
///     36 u32  last input sequence number the server applied
enum SnapshotFrame {
    static let kind: UInt8 = 1
    static let byteCount = 40

    enum Phase: UInt8 {
        case countdown = 0
        case playing
        case paused
        case over
    }

    static func write(
        _ snapshot: PongSnapshot, phase: Phase, countdown: Int, serverTick: Int, lastInput: Int, into buffer: inout ByteBuffer
    ) {
        buffer.writeInteger(kind)
        buffer.writeInteger(phase.rawValue)
        buffer.writeInteger(UInt8(clamping: countdown))
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt32(truncatingIfNeeded: serverTick), endianness: .little)
        func float(_ value: Double) { buffer.writeInteger(Float(value).bitPattern, endianness: .little) }
        float(snapshot.ballX)
        float(snapshot.ballY)
        float(snapshot.ballVX)
        float(snapshot.ballVY)
        float(snapshot.leftPaddleY)
        float(snapshot.rightPaddleY)
        buffer.writeInteger(UInt8(clamping: snapshot.leftScore))
        buffer.writeInteger(UInt8(clamping: snapshot.rightScore))
        buffer.writeInteger(UInt16(clamping: snapshot.rally), endianness: .little)
        buffer.writeInteger(UInt32(truncatingIfNeeded: lastInput), endianness: .little)
    }
}

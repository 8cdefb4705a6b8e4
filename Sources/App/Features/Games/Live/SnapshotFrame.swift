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

    enum Phase: UInt8 { case countdown = 0, playing, paused, over }

    static func encode(_ snapshot: PongSnapshot, phase: Phase, countdown: Int, serverTick: Int, lastInput: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        bytes.withUnsafeMutableBytes { raw in
            raw[0] = kind
            raw[1] = phase.rawValue
            raw[2] = UInt8(clamping: countdown)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: serverTick).littleEndian, toByteOffset: 4, as: UInt32.self)
            let floats = [snapshot.ballX, snapshot.ballY, snapshot.ballVX, snapshot.ballVY,
                          snapshot.leftPaddleY, snapshot.rightPaddleY]
            for (index, value) in floats.enumerated() {
                raw.storeBytes(of: Float(value).bitPattern.littleEndian, toByteOffset: 8 + index * 4, as: UInt32.self)
            }
            raw[32] = UInt8(clamping: snapshot.leftScore)
            raw[33] = UInt8(clamping: snapshot.rightScore)
            raw.storeBytes(of: UInt16(clamping: snapshot.rally).littleEndian, toByteOffset: 34, as: UInt16.self)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: lastInput).littleEndian, toByteOffset: 36, as: UInt32.self)
        }
        return bytes
    }
}

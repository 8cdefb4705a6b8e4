// Decodes the server's 40-byte binary snapshot (Sources/App/Features/Games/Live/SnapshotFrame.swift).
export const PHASES = ["countdown", "playing", "paused", "over"];

export function decodeSnapshot(buffer) {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength !== 40) return null;
  const view = new DataView(buffer);
  if (view.getUint8(0) !== 1) return null;
  return {
    phase: PHASES[view.getUint8(1)] ?? "playing",
    countdown: view.getUint8(2),
    tick: view.getUint32(4, true),
    ballX: view.getFloat32(8, true),
    ballY: view.getFloat32(12, true),
    leftY: view.getFloat32(24, true),
    rightY: view.getFloat32(28, true),
    leftScore: view.getUint8(32),
    rightScore: view.getUint8(33),
    rally: view.getUint16(34, true),
    lastInput: view.getUint32(36, true),
  };
}

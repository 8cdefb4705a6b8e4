// Decodes the server's binary snapshot by the layout the server declares (SnapshotFrame.swift),
// generated into realtime-events.js: no offset is written here.
import { SNAPSHOT } from "../../realtime-events.js";

export const PHASES = SNAPSHOT.phases;

const READ = {
  u8: (view, offset) => view.getUint8(offset),
  u16: (view, offset) => view.getUint16(offset, true),
  u32: (view, offset) => view.getUint32(offset, true),
  f32: (view, offset) => view.getFloat32(offset, true),
};

/// The frame's fields by name (tick, ballX, leftY, lastInput…), with its phase as a word; null for
/// anything that is not a snapshot.
export function decodeSnapshot(buffer) {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength !== SNAPSHOT.byteCount) return null;
  const view = new DataView(buffer);
  const frame = {};
  for (const [name, offset, type] of SNAPSHOT.fields) frame[name] = READ[type](view, offset);
  if (frame.kind !== SNAPSHOT.kind) return null;
  frame.phase = PHASES[frame.phase] ?? "playing";
  return frame;
}

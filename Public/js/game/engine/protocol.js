// Decodes the server's binary keyframe by the layout the server declares (SnapshotFrame.swift),
// generated into realtime-events.js: no offset is written here.
import { SNAPSHOT } from "../../realtime-events.js";

export const PHASES = SNAPSHOT.phases;
/// Frame kinds: a keyframe, or (test servers only, GAME_TRUTH_STREAM=1) every tick's true state.
export const FRAME_KINDS = Object.freeze({ 1: "keyframe", 3: "truth" });
const KEYS = ["none", "up", "down"];

const READ = {
  u8: (view, offset) => view.getUint8(offset),
  u16: (view, offset) => view.getUint16(offset, true),
  u32: (view, offset) => view.getUint32(offset, true),
  f32: (view, offset) => view.getFloat32(offset, true),
};

/// The frame's fields by name (tick, ballX, leftY, lastInput…), with its kind and phase as words
/// and the keys byte unpacked (leftKey, rightKey: "none" | "up" | "down"; frozen: the court stands
/// still); null for anything that is not a frame.
export function decodeSnapshot(buffer) {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength !== SNAPSHOT.byteCount) return null;
  const view = new DataView(buffer);
  const frame = {};
  for (const [name, offset, type] of SNAPSHOT.fields) frame[name] = READ[type](view, offset);
  const kind = FRAME_KINDS[frame.kind];
  if (!kind) return null;
  frame.kind = kind;
  frame.phase = PHASES[frame.phase] ?? "playing";
  frame.leftKey = KEYS[frame.keys & 3] ?? "none";
  frame.rightKey = KEYS[(frame.keys >> 2) & 3] ?? "none";
  frame.frozen = (frame.keys & 16) !== 0;
  return frame;
}

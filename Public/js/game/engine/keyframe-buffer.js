// The keyframes of the last two seconds, read at any (fractional) server tick. Between two
// keyframes each paddle moves with the key its player held (the server sends a keyframe whenever a
// key changes), so a paddle at any tick is the keyframe before it carried on — exact, not blended.
const KEPT_TICKS = 120;
const DIRECTION = { up: -1, down: 1, none: 0 };

/// Whether the server moves the paddles after this keyframe: in play, and in the serve's countdown
/// (not while the court stands still: the countdown before play, a pause, the end).
export function courtMoves(frame) {
  return !frame.frozen && (frame.phase === "playing" || frame.phase === "countdown");
}

/// A paddle's top edge at `tick` (fractional), carried on from `frame`.
export function paddleAt(frame, side, tick, field) {
  const y = frame[`${side}Y`];
  if (!courtMoves(frame)) return y;
  const ticks = Math.max(0, tick - frame.tick);
  const moved = y + (DIRECTION[frame[`${side}Key`]] ?? 0) * field.paddleSpeed * ticks;
  return Math.min(Math.max(moved, 0), field.height - field.paddleHeight);
}

/// The countdown left at `tick` (ticks), carried on from `frame`.
export function countdownAt(frame, tick) {
  if (frame.phase !== "countdown") return 0;
  return Math.max(0, frame.countdown - Math.max(0, Math.floor(tick) - frame.tick));
}

export class KeyframeBuffer {
  constructor() {
    this.frames = [];
  }

  push(frame) {
    const last = this.latest();
    if (last && frame.tick < last.tick) this.frames = []; // a restarted clock (a game taken over)
    this.frames.push(frame);
    while (this.frames.length > 2 && this.frames[1].tick < frame.tick - KEPT_TICKS) this.frames.shift();
  }

  latest() {
    return this.frames[this.frames.length - 1] ?? null;
  }

  /// The newest keyframe at or before `tick` (the oldest kept if `tick` is before them all).
  before(tick) {
    let found = this.frames[0] ?? null;
    for (const frame of this.frames) {
      if (frame.tick <= tick) found = frame;
      else break;
    }
    return found;
  }

  /// Both paddles at `tick` (fractional), from the keyframe before it.
  paddlesAt(tick, field) {
    const frame = this.before(tick);
    return { leftY: paddleAt(frame, "left", tick, field), rightY: paddleAt(frame, "right", tick, field) };
  }
}

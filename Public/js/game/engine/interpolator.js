// The last half-second of snapshots, read at any (fractional) server tick: between two snapshots
// the positions are blended, so what is drawn from them moves at the display's own frame rate.
// The other player's paddle is drawn from here, a little in the past (see CourtView).
const KEPT = 30;

export class Interpolator {
  constructor() {
    this.buffer = [];
  }

  push(snapshot) {
    const last = this.latest();
    if (last && snapshot.tick < last.tick) this.buffer = []; // a restarted clock
    this.buffer.push(snapshot);
    if (this.buffer.length > KEPT) this.buffer.shift();
  }

  latest() {
    return this.buffer[this.buffer.length - 1] ?? null;
  }

  /// The two snapshots around `tick`, blended (the newest if `tick` is past it, the oldest if before).
  at(tick) {
    let before = null;
    let after = null;
    for (const snapshot of this.buffer) {
      if (snapshot.tick <= tick) before = snapshot;
      else { after = snapshot; break; }
    }
    if (!before) return this.buffer[0] ?? null;
    if (!after) return before;
    const t = (tick - before.tick) / (after.tick - before.tick);
    const mix = (a, b) => a + (b - a) * t;
    return { ...before, leftY: mix(before.leftY, after.leftY), rightY: mix(before.rightY, after.rightY) };
  }

  /// A paddle's speed over the last two snapshots, in units per tick (for carrying it on).
  paddleSpeed(side) {
    const [older, newer] = this.buffer.slice(-2);
    if (!older || !newer || newer.tick === older.tick) return 0;
    return (newer[`${side}Y`] - older[`${side}Y`]) / (newer.tick - older.tick);
  }
}

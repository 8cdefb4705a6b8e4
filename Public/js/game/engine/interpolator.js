// Smooth motion from 60 Hz snapshots: draw a little in the past (two ticks)
// and blend between the two snapshots around that moment, so network jitter
// never shows and the picture updates at the display's own frame rate.
const TICK_MS = 1000 / 60;
const DELAY_MS = 2 * TICK_MS + 8;

export class Interpolator {
  constructor() {
    this.buffer = [];
    this.offset = null; // local ms of server tick 0, from the earliest-arriving snapshot
  }

  push(snapshot, receivedAt) {
    const offset = receivedAt - snapshot.tick * TICK_MS;
    // The lowest offset seen is the least delayed delivery: the best estimate of the schedule.
    this.offset = this.offset === null ? offset : Math.min(this.offset + 0.02, offset);
    const last = this.buffer[this.buffer.length - 1];
    if (last && snapshot.tick < last.tick) this.buffer = []; // a restarted clock
    this.buffer.push(snapshot);
    if (this.buffer.length > 30) this.buffer.shift();
  }

  latest() {
    return this.buffer[this.buffer.length - 1] ?? null;
  }

  at(now) {
    const latest = this.latest();
    if (!latest || latest.phase !== "playing" && latest.phase !== "countdown") return latest;
    const tick = (now - DELAY_MS - this.offset) / TICK_MS;
    let before = null;
    let after = null;
    for (const snapshot of this.buffer) {
      if (snapshot.tick <= tick) before = snapshot;
      else { after = snapshot; break; }
    }
    if (!before) return this.buffer[0];
    if (!after) return before;
    const t = (tick - before.tick) / (after.tick - before.tick);
    // A serve puts the ball back in the middle: jump, don't glide across the court.
    const jumped = Math.abs(after.ballX - before.ballX) > 120;
    const mix = (a, b) => a + (b - a) * t;
    return {
      ...before,
      ballX: jumped ? after.ballX : mix(before.ballX, after.ballX),
      ballY: jumped ? after.ballY : mix(before.ballY, after.ballY),
      leftY: mix(before.leftY, after.leftY),
      rightY: mix(before.rightY, after.rightY),
    };
  }
}

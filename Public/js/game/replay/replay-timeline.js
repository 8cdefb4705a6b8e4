// A stored game as something to play back: the server re-simulates it from its key changes and
// sends the keyframes (`GET /api/matches/{id}/replay`); any tick between two follows from the one
// before with the engine's own arithmetic (`stateAtTime`), so scrubbing anywhere is exact.
import { stateAtTime } from "../engine/keyframes.js";

export class ReplayTimeline {
  constructor(replay) {
    const fields = replay.keyframeFields;
    this.keyframes = replay.keyframes.map((values) => Object.fromEntries(fields.map((name, index) => [name, values[index]])));
    this.points = replay.points;
    this.endTick = replay.endTick;
    this.ticksPerSecond = replay.field.ticksPerSecond;
    this.field = replay.field;
  }

  get duration() {
    return this.endTick / this.ticksPerSecond;
  }

  /// The last keyframe at or before `tick` (binary search: a game has thousands).
  keyframeAt(tick) {
    let low = 0;
    let high = this.keyframes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.keyframes[middle].tick <= tick) low = middle;
      else high = middle - 1;
    }
    return this.keyframes[low];
  }

  /// The court at a fractional tick, with the score as it stood.
  stateAt(tick) {
    const clamped = Math.min(Math.max(tick, 0), this.endTick);
    const keyframe = this.keyframeAt(Math.floor(clamped));
    return stateAtTime(keyframe, clamped, this.field);
  }

  /// The points already scored at `tick`.
  pointsBy(tick) {
    return this.points.filter((point) => point.tick <= tick).length;
  }

  /// The tick a point-to-point jump lands on: a moment before the point (`direction` −1) or the
  /// next one after the present; null past either end.
  neighbourPoint(tick, direction) {
    if (direction > 0) return this.points.find((point) => point.tick > tick + 1) ?? null;
    return [...this.points].reverse().find((point) => point.tick < tick - 1) ?? null;
  }
}

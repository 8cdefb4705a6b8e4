// Client-side prediction of my own paddle in a remote game: a key press moves it in the same
// frame, at the engine's paddle speed, instead of a round trip later. Each keyframe reconciles it
// with the server: once the server has applied every input sent (the keyframe's input sequence)
// and my paddle is still, the prediction eases onto the server's paddle; a large gap (a lost
// input, a wall) snaps.
import { courtMoves, paddleAt } from "./keyframe-buffer.js";

const DIRECTION = { up: -1, down: 1, none: 0 };
/// Beyond this many units from the server the prediction is wrong, not early.
const SNAP_DISTANCE = 120;
/// Share of the gap closed per display frame while easing onto the server's position.
const EASE_PER_FRAME = 0.35;

export class PaddlePredictor {
  constructor(side, field) {
    this.side = side;
    this.field = field;
    this.speed = field.paddleSpeed * field.ticksPerSecond; // units per second
    this.bottom = field.height - field.paddleHeight;
    this.y = null;
    this.direction = 0;
    this.time = null;
    this.sentSequence = 0;
    this.active = false;
    this.gap = 0; // what is still to ease in, units
  }

  /// A key change I just sent with `sequence`.
  input(key, sequence, now) {
    this.advance(now);
    this.direction = DIRECTION[key] ?? 0;
    this.sentSequence = sequence;
  }

  /// A keyframe arrived (at local time `now`, the server at tick `present`, null until the clock is set).
  reconcile(frame, now, present) {
    const serverY = paddleAt(frame, this.side, present ?? frame.tick, this.field);
    // The server moves paddles only while the court moves: so does the prediction.
    this.active = courtMoves(frame);
    if (this.y === null || !this.active) {
      this.y = serverY;
      this.gap = 0;
      this.time = now;
      return;
    }
    this.advance(now);
    const error = serverY - this.y;
    if (Math.abs(error) > SNAP_DISTANCE) {
      this.y = serverY;
      this.gap = 0;
    } else if (frame.lastInput >= this.sentSequence && this.direction === 0) {
      // Everything I sent is applied and I'm not moving: settle where the server has my paddle.
      // (While it moves, a tick's error in the clock would show as a paddle pulled back and forth.)
      this.gap = error;
    }
  }

  /// Where to draw my paddle now.
  at(now) {
    this.advance(now);
    return this.y;
  }

  advance(now) {
    if (this.y !== null && this.time !== null && this.active) {
      const elapsed = Math.max(0, now - this.time);
      const moved = this.direction * this.speed * elapsed / 1000;
      const eased = this.gap * Math.min(1, EASE_PER_FRAME * elapsed / (1000 / 60));
      this.gap -= eased;
      this.y = Math.min(Math.max(this.y + moved + eased, 0), this.bottom);
    }
    this.time = now;
  }
}

// Client-side prediction of my own paddle in a remote game: a key press moves
// it in the same frame, at the engine's paddle speed, instead of a round trip
// later. Each snapshot reconciles it with the server: once the server has
// acknowledged every input sent (the snapshot's input sequence), the paddle
// eases onto the server's position; a large gap (a lost input, a wall) snaps.
// The other paddle and the ball stay interpolated from snapshots.
const DIRECTION = { up: -1, down: 1, none: 0 };
/// Beyond this many units from the server the prediction is wrong, not early.
const SNAP_DISTANCE = 120;

export class PaddlePredictor {
  constructor(side, field) {
    this.side = side;
    this.speed = field.paddleSpeed * field.ticksPerSecond; // units per second
    this.bottom = field.height - field.paddleHeight;
    this.y = null;
    this.direction = 0;
    this.time = null;
    this.sentSequence = 0;
    this.active = false;
  }

  /// A key change I just sent with `sequence`.
  input(key, sequence, now) {
    this.advance(now);
    this.direction = DIRECTION[key] ?? 0;
    this.sentSequence = sequence;
  }

  /// A snapshot arrived: the server's position of my paddle and the newest input it has applied.
  reconcile(snapshot, now) {
    const serverY = snapshot[`${this.side}Y`];
    // The server moves paddles only while playing: so does the prediction.
    this.active = snapshot.phase === "playing";
    if (this.y === null || !this.active) {
      this.y = serverY;
      this.time = now;
      return;
    }
    this.advance(now);
    const error = serverY - this.y;
    if (Math.abs(error) > SNAP_DISTANCE) {
      this.y = serverY;
    } else if (snapshot.lastInput >= this.sentSequence && this.direction === 0) {
      // Everything I sent is applied and I'm not moving: settle where the server says.
      this.y += error * 0.35;
    }
  }

  /// Where to draw my paddle now.
  at(now) {
    this.advance(now);
    return this.y;
  }

  advance(now) {
    if (this.y !== null && this.time !== null && this.active) {
      const moved = this.direction * this.speed * Math.max(0, now - this.time) / 1000;
      this.y = Math.min(Math.max(this.y + moved, 0), this.bottom);
    }
    this.time = now;
  }
}

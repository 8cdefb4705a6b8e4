// Where the ball is now. The last snapshot is where the server had it a one-way trip ago; between
// paddle contacts its path is deterministic (constant velocity, wall bounces), so it is carried on
// to the present server time with the engine's own steps (PongCore's Motion.swift and
// PongGame.bounce). A return off a paddle is predicted with the paddles as they are drawn: mine
// is predicted exactly (the server counts my keys when I pressed them), the other one may still
// surprise — then the next snapshot corrects the ball, and `BallSmoother` blends the correction.
const MAX_STEPS_PER_TICK = 8;

function faceX(side, field) {
  return side === "left" ? field.paddleInset + field.paddleWidth : field.width - field.paddleInset - field.paddleWidth;
}

/// The first contact within `limit` ticks: { time, surface: "wall" | "left" | "right" } or null.
function nextContact(ball, limit, field, paddles) {
  const half = field.ballSize / 2;
  let best = null;
  const consider = (time, surface) => {
    if (time >= 0 && time <= limit && (best === null || time < best.time)) best = { time, surface };
  };
  if (ball.vy < 0) consider((half - ball.y) / ball.vy, "wall");
  if (ball.vy > 0) consider((field.height - half - ball.y) / ball.vy, "wall");
  if (ball.vx !== 0) {
    const side = ball.vx < 0 ? "left" : "right";
    const face = faceX(side, field);
    const edge = ball.vx < 0 ? ball.x - half : ball.x + half;
    const inFront = ball.vx < 0 ? edge >= face : edge <= face;
    if (inFront) {
      const time = (face - edge) / ball.vx;
      const yThen = ball.y + ball.vy * time;
      const top = paddles[side];
      if (yThen + half >= top && yThen - half <= top + field.paddleHeight) consider(time, side);
    }
  }
  return best;
}

/// The engine's return: steeper off the paddle's edge, a little faster each hit, up to a cap.
function bounce(ball, side, field, paddles) {
  const half = field.ballSize / 2;
  const centre = paddles[side] + field.paddleHeight / 2;
  const offset = Math.min(Math.max((ball.y - centre) / (field.paddleHeight / 2 + half), -1), 1);
  const speed = Math.sqrt(ball.vx * ball.vx + ball.vy * ball.vy);
  const faster = Math.min(speed * field.speedUpPerHit, field.serveSpeed * field.maximumSpeedFactor);
  const slope = offset * field.maximumBounceSlope;
  const horizontal = faster / Math.sqrt(1 + slope * slope);
  ball.vx = side === "left" ? horizontal : -horizontal;
  ball.vy = slope * horizontal;
}

/// The ball `ticks` (fractional) after `ball` ({ x, y, vx, vy }), bouncing off walls and off the
/// paddles at `paddles` ({ left, right }: top edges). A ball past a paddle flies on: the point is
/// the server's to call.
export function carryBall(ball, ticks, field, paddles) {
  const moved = { ...ball };
  let remaining = Math.max(0, ticks);
  // Tick by tick, as the engine does (each tick at most eight contacts).
  while (remaining > 0) {
    let slice = Math.min(1, remaining);
    remaining -= slice;
    for (let step = 0; step < MAX_STEPS_PER_TICK && slice > 0; step += 1) {
      const contact = nextContact(moved, slice, field, paddles);
      if (contact === null) {
        moved.x += moved.vx * slice;
        moved.y += moved.vy * slice;
        break;
      }
      moved.x += moved.vx * contact.time;
      moved.y += moved.vy * contact.time;
      slice -= contact.time;
      if (contact.surface === "wall") moved.vy = -moved.vy;
      else bounce(moved, contact.surface, field, paddles);
    }
    // Off the court: the server calls the point; stop where it left.
    if (moved.x < -field.ballSize || moved.x > field.width + field.ballSize) break;
  }
  return moved;
}

/// A correction is blended, not shown as a jump: the drawn ball carries the difference between
/// the old prediction and the new one and lets it fade over a few frames (about 100 ms). Only a
/// change that cannot be a correction (a point, a serve from the centre) is drawn at once.
export const SNAP_DISTANCE = 60; // field units (144 px on a 1920-px court)
const FADE_PER_FRAME = 0.6; // at 60 frames a second: under 1 % left after 9 frames

export class BallSmoother {
  constructor() {
    this.error = { x: 0, y: 0 };
    this.time = null;
  }

  /// The prediction changed under the ball (a new snapshot): from `before` to `after`, both for now.
  corrected(before, after) {
    const dx = before.x - after.x + this.error.x;
    const dy = before.y - after.y + this.error.y;
    this.error = Math.hypot(dx, dy) > SNAP_DISTANCE ? { x: 0, y: 0 } : { x: dx, y: dy };
  }

  /// Where to draw the predicted `ball` at local time `now` (ms).
  at(ball, now) {
    if (this.time !== null) {
      const fade = FADE_PER_FRAME ** (Math.max(0, now - this.time) / (1000 / 60));
      this.error = { x: this.error.x * fade, y: this.error.y * fade };
    }
    this.time = now;
    return { x: ball.x + this.error.x, y: ball.y + this.error.y };
  }

  /// The size of the correction still being blended in, in field units.
  get pending() {
    return Math.hypot(this.error.x, this.error.y);
  }
}

// What the court shows at each display frame, from the server's keyframes and this browser's keys.
// The server sends a keyframe only when motion changes (a key, a serve, a paddle hit, a point, a
// phase) and every 500 ms; everything in between is computed here:
// - the ball where the server has it now (`carryBall` from the last keyframe to the present server
//   tick of the synchronised clock), a correction blended in over a few frames (`BallSmoother`);
// - my own paddle predicted (`PaddlePredictor`): it moves in the frame its key goes down;
// - the other paddle carried on with the key its player held, drawn a little in the past (as far
//   as the one-way delay and the measured jitter) so a key change usually arrives before it is drawn.
// Paused, counting down or over, the court stands as the last keyframe says.
import { ServerClock, TICK_MS } from "./server-clock.js";
import { BallSmoother, carryBall } from "./ball-prediction.js";
import { KeyframeBuffer, countdownAt, courtMoves, paddleAt } from "./keyframe-buffer.js";

/// Past this many ticks without a keyframe (twice the heartbeat) the ball's prediction stops
/// rather than guess further: the connection has stalled.
const MAX_CARRY_TICKS = 60;
const MAX_BUFFER_TICKS = 9;
const TRACE_KEPT = 1200;

export class CourtView {
  constructor(field, predictor = null) {
    this.field = field;
    this.predictor = predictor;
    this.clock = new ServerClock();
    this.keyframes = new KeyframeBuffer();
    this.smoother = new BallSmoother();
    // What was drawn, the keyframes, and (on a test server) the true state of every tick, for the
    // browser suite's checks (bounded).
    this.trace = { drawn: [], keyframes: [], server: [] };
  }

  push(frame, receivedAt) {
    if (frame.kind === "truth") return this.truth(frame);
    if (frame.phase === "paused" || frame.phase === "over") this.clock.reset();
    else this.clock.observe(frame.tick, receivedAt);
    const before = this.keyframes.latest();
    this.keyframes.push(frame);
    record(this.trace.keyframes, [frame.tick, frame.ballX, frame.ballY, inFlight(frame), receivedAt]);
    const present = this.clock.presentTick(receivedAt);
    this.predictor?.reconcile(frame, receivedAt, present);
    // The ball's base moves to the new keyframe; the prediction's jump is blended, not drawn.
    if (before && present !== null && moving(before) && moving(frame)) {
      const paddles = this.contactPaddles(present, receivedAt);
      this.smoother.corrected(this.carry(before, present, paddles), this.carry(frame, present, paddles));
    }
  }

  /// A test server's true state of a tick: kept for the checks, never drawn.
  truth(frame) {
    record(this.trace.server, [frame.tick, frame.ballX, frame.ballY, inFlight(frame)]);
  }

  roundTrip(ms) {
    this.clock.roundTrip(ms);
  }

  /// The tick a key pressed now counts from on the server (null until the clock is synchronised).
  pressTick(now) {
    return this.clock.pressTick(now);
  }

  /// How far behind the present the other paddle is drawn, in ticks: as long as a keyframe takes to
  /// arrive, plus its jitter.
  get bufferTicks() {
    return Math.min(MAX_BUFFER_TICKS, 1 + (this.clock.oneWayMs + this.clock.deliveryJitterMs) / TICK_MS);
  }

  at(now) {
    const latest = this.keyframes.latest();
    if (!latest) return null;
    const present = this.clock.presentTick(now);
    const mine = this.predictor?.active ? this.predictor.side : null;
    const state = { ...latest };
    if (present !== null) state.countdown = countdownAt(latest, present);
    if (present !== null && courtMoves(latest)) {
      Object.assign(state, this.keyframes.paddlesAt(present - this.bufferTicks, this.field));
    }
    if (mine) state[`${mine}Y`] = this.predictor.at(now);
    const inPlay = present !== null && moving(latest);
    if (inPlay) {
      const ball = this.smoother.at(this.carry(latest, present, this.contactPaddles(present, now)), now);
      state.ballX = ball.x;
      state.ballY = ball.y;
    }
    // [local time, present server tick, ball x, y (null unless in play), correction pending, left, right]
    record(this.trace.drawn, [now, present, inPlay ? state.ballX : null, inPlay ? state.ballY : null,
      this.smoother.pending, state.leftY, state.rightY]);
    return state;
  }

  /// The paddles the ball may meet before the present: mine where I have it, the other carried on
  /// from the last keyframe with the key its player held then.
  contactPaddles(present, now) {
    const latest = this.keyframes.latest();
    const paddles = { left: paddleAt(latest, "left", present, this.field), right: paddleAt(latest, "right", present, this.field) };
    if (this.predictor?.active) paddles[this.predictor.side] = this.predictor.at(now);
    return paddles;
  }

  carry(frame, present, paddles) {
    const ticks = Math.min(MAX_CARRY_TICKS, Math.max(0, present - frame.tick));
    const ball = { x: frame.ballX, y: frame.ballY, vx: frame.ballVX, vy: frame.ballVY };
    return carryBall(ball, ticks, this.field, paddles);
  }
}

function moving(frame) {
  return frame.phase === "playing";
}

/// In play and not waiting in the middle to be served.
function inFlight(frame) {
  return moving(frame) && (frame.ballVX !== 0 || frame.ballVY !== 0);
}

function record(list, entry) {
  list.push(entry);
  if (list.length > TRACE_KEPT) list.shift();
}
